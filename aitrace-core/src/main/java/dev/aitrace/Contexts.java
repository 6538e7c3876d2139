package dev.aitrace;

import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Carries the current trace and attribution to other threads. A task submitted through a wrapped
 * executor runs in the context that was current when it was <em>submitted</em>, so the spans it
 * starts join the caller's trace. This works for platform and virtual threads alike, and for {@code
 * CompletableFuture} stages given a wrapped executor:
 *
 * <pre>{@code
 * ExecutorService pool = Contexts.wrap(Executors.newFixedThreadPool(4));
 * CompletableFuture.supplyAsync(() -> recruiter.propose(brief), pool)
 *     .thenApplyAsync(team -> writer.write(team), pool); // both stages in the caller's trace
 * }</pre>
 *
 * <p>Stages that run without an executor ({@code thenApply}) run on whichever thread completes the
 * previous stage; wrap their functions with {@link Context#wrapFunction} if they start spans.
 */
public final class Contexts {
  private Contexts() {}

  /** An executor that runs each task in the context current at submission. */
  public static Executor wrap(Executor executor) {
    return Context.taskWrapping(executor);
  }

  /** An executor service that runs each task in the context current at submission. */
  public static ExecutorService wrap(ExecutorService executor) {
    return Context.taskWrapping(executor);
  }

  /** {@code task}, bound to the current context. */
  public static Runnable wrap(Runnable task) {
    return Context.current().wrap(task);
  }

  /** {@code task}, bound to the current context. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return Context.current().wrap(task);
  }

  /**
   * A thread factory whose threads start in the context current when each thread is created; for
   * frameworks that take a {@link ThreadFactory} (such as {@code Thread.ofVirtual().factory()}).
   */
  public static ThreadFactory wrap(ThreadFactory factory) {
    return runnable -> factory.newThread(Context.current().wrap(runnable));
  }
}
