package dev.aitrace.export;

import dev.aitrace.internal.SelfLog;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs calls into a {@link SpanExporter} on a daemon thread of their own, so that the batch worker
 * can stop waiting for a call that hangs, and remembers such a call until it really returns. Used by
 * the one batch worker only.
 */
final class WatchedExporter {
  private final SpanExporter exporter;
  private final ExecutorService thread;
  /** Completes when the latest call returns; a call that timed out may still be running. */
  private volatile CompletableFuture<Void> lastCall = CompletableFuture.completedFuture(null);

  WatchedExporter(SpanExporter exporter) {
    this.exporter = exporter;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "aitrace-export-call");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Exports {@code batch}, waiting up to {@code waitNanos} in all; null, without calling the
   * exporter, when an earlier call is still stuck after that wait.
   */
  ExportResult export(List<SpanRecord> batch, long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    if (!awaitIdle(waitNanos)) {
      SelfLog.warnOnce("batch.exporter.stuck",
          "aitrace: exporter {} is stuck in an earlier export; dropping spans until it returns",
          exporter);
      return null;
    }
    return call(() -> exporter.export(batch), "export", Math.max(1, deadline - System.nanoTime()));
  }

  /** Flushes the exporter unless it is stuck; waits up to {@code waitNanos} in all. */
  void flush(long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    if (awaitIdle(waitNanos)) {
      call(exporter::flush, "flush", Math.max(1, deadline - System.nanoTime()));
    }
  }

  /** Shuts the exporter down, waiting up to {@code waitNanos}, then interrupts whatever still runs. */
  void shutdown(long waitNanos) {
    call(() -> {
      exporter.shutdown();
      return ExportResult.SUCCESS;
    }, "shutdown", waitNanos);
    thread.shutdownNow();
  }

  /** Waits up to {@code waitNanos} for an earlier exporter call that timed out; false if still stuck. */
  private boolean awaitIdle(long waitNanos) {
    CompletableFuture<Void> previous = lastCall;
    if (previous.isDone()) {
      return true;
    }
    try {
      previous.get(waitNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /**
   * Runs {@code task} on the export thread and waits up to {@code waitNanos}. A call that takes
   * longer is interrupted and reported as a failure; {@link #lastCall} completes only when it
   * actually returns.
   */
  private ExportResult call(Callable<ExportResult> task, String what, long waitNanos) {
    CompletableFuture<Void> returned = new CompletableFuture<>();
    AtomicBoolean started = new AtomicBoolean();
    Future<ExportResult> future;
    try {
      future = thread.submit(() -> {
        started.set(true);
        try {
          return task.call();
        } finally {
          returned.complete(null);
        }
      });
    } catch (RejectedExecutionException e) {
      return ExportResult.FAILURE;
    }
    lastCall = returned;
    try {
      ExportResult result = future.get(waitNanos, TimeUnit.NANOSECONDS);
      return result == null ? ExportResult.FAILURE : result;
    } catch (TimeoutException e) {
      future.cancel(true);
      if (!started.get()) {
        returned.complete(null); // cancelled before it ran: nothing is stuck
      }
      SelfLog.warnOnce("batch." + what + ".timeout",
          "aitrace: {} of {} did not return in time; its batch counts as failed", what, exporter);
      return ExportResult.FAILURE;
    } catch (ExecutionException e) {
      SelfLog.fault("SpanExporter." + what + " " + exporter.getClass().getName(), e.getCause());
      return ExportResult.FAILURE;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return ExportResult.FAILURE;
    }
  }

}
