package dev.aitrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace and the attribution follow work onto other threads. */
class ContextsTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final AiTrace aiTrace = AiTrace.builder().addExporter(spans).shutdownHook(false).build();
  private final ExecutorService pool = Contexts.wrap(Executors.newFixedThreadPool(2));

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    aiTrace.close();
  }

  @Test
  void wrappedExecutor_carriesTraceAndAttribution() throws Exception {
    try (Scope ignored = Attribution.builder().userId("alice").build().makeCurrent()) {
      aiTrace.agents().invokeAgent("manager", () -> {
        pool.submit(() -> aiTrace.agents().executeTool("search", () -> "hit")).get();
        return null;
      });
    }
    assertChildOfManager("execute_tool search", "alice");
  }

  @Test
  void completableFutureChain_onWrappedExecutor_staysInTrace() throws Exception {
    aiTrace.agents().invokeAgent("manager", () ->
        CompletableFuture.supplyAsync(() -> aiTrace.agents().executeTool("plan", () -> "plan"), pool)
            .thenApplyAsync(p -> aiTrace.agents().executeTool("write", () -> p + "!"), pool)
            .get(5, TimeUnit.SECONDS));
    assertChildOfManager("execute_tool plan", null);
    assertChildOfManager("execute_tool write", null);
  }

  @Test
  void unwrappedExecutor_doesNotLeakContext() throws Exception {
    ExecutorService plain = Executors.newSingleThreadExecutor();
    try {
      aiTrace.agents().invokeAgent("manager", () ->
          plain.submit(() -> aiTrace.agents().executeTool("orphan", () -> "x")).get());
    } finally {
      plain.shutdown();
    }
    aiTrace.flush();
    SpanRecord orphan = byName("execute_tool orphan");
    assertThat(orphan.parentSpanId()).isEmpty();
    assertThat(orphan.traceId()).isNotEqualTo(byName("invoke_agent manager").traceId());
  }

  @Test
  void virtualThreads_carryTrace_whenTheJvmHasThem() throws Exception {
    Method factoryMethod;
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      factoryMethod = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      ThreadFactory virtual = (ThreadFactory) factoryMethod.invoke(builder);
      ExecutorService perTask = Contexts.wrap((ExecutorService) Executors.class
          .getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null, virtual));
      aiTrace.agents().invokeAgent("manager", () ->
          perTask.submit(() -> aiTrace.agents().executeTool("virtual", () -> "v")).get());
      perTask.shutdown();
    } catch (NoSuchMethodException e) {
      // Java 17 has no virtual threads; the platform-thread tests above cover the same wrapping.
      org.junit.jupiter.api.Assumptions.abort("virtual threads need Java 21+");
    }
    assertChildOfManager("execute_tool virtual", null);
  }

  private void assertChildOfManager(String name, String user) {
    aiTrace.flush();
    SpanRecord manager = byName("invoke_agent manager");
    SpanRecord child = byName(name);
    assertThat(child.traceId()).isEqualTo(manager.traceId());
    assertThat(child.parentSpanId()).isEqualTo(manager.spanId());
    assertThat(child.attributes().get(Attribution.AGENT_NAME)).isEqualTo("manager");
    assertThat(child.attributes().get(Attribution.USER_ID)).isEqualTo(user);
  }

  private SpanRecord byName(String name) {
    return spans.getFinishedSpans().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
