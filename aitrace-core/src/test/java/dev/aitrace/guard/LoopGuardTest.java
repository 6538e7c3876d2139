package dev.aitrace.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aitrace.AgentTracer;
import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.alert.Alert;
import dev.aitrace.alert.AlertType;
import dev.aitrace.alert.Alerts;
import dev.aitrace.alert.InMemoryAlertListener;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.testing.FakeAiCall;
import dev.aitrace.testing.TestClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopGuardTest {
  private final TestClock clock = TestClock.at("2026-03-02T10:00:00Z");
  private final InMemoryAlertListener alerts = InMemoryAlertListener.create();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private AiTrace aiTrace;

  @AfterEach
  void close() {
    if (aiTrace != null) {
      aiTrace.close();
    }
  }

  private AiTrace build(LoopGuardConfig config) {
    return aiTrace = AiTrace.builder().shutdownHook(false).clock(clock).addAlertListener(alerts).addExporter(spans)
        .loopGuard(config).build();
  }

  /** An agent that, as in the incident, keeps delegating to itself and asking the model each time. */
  private String recursiveResearcher(AtomicInteger levels) {
    return aiTrace.agents().invokeAgent("researcher", () -> {
      levels.incrementAndGet();
      FakeAiCall.of(aiTrace).model("gpt-4o-mini").tokens(500, 0, 100, 0).fingerprint("level-" + levels.get()).run();
      return recursiveResearcher(levels);
    });
  }

  @Test
  void recursiveAgentChain_isStoppedAtTheDepthLimit_withTraceAgentAndCount() {
    build(LoopGuardConfig.builder().maxAgentDepth(5).action(GuardAction.BLOCK).build());
    AtomicInteger levels = new AtomicInteger();
    Span request = aiTrace.tracer().spanBuilder("POST /research").startSpan();
    LoopDetectedException e;
    try (Scope ignored = request.makeCurrent()) {
      e = catchThrowableOfType(LoopDetectedException.class, () -> recursiveResearcher(levels));
    } finally {
      request.end();
    }
    String traceId = request.getSpanContext().getTraceId();
    assertThat(levels.get()).isEqualTo(5);
    assertThat(e.limitKind()).isEqualTo(LoopLimit.NESTING_DEPTH);
    assertThat(e.traceId()).isEqualTo(traceId);
    assertThat(e.agent()).isEqualTo("researcher");
    assertThat(e.count()).isEqualTo(6);
    assertThat(e.limit()).isEqualTo(5);
    assertThat(e.getMessage()).contains(traceId, "researcher", "6");

    Alert alert = alerts.alerts(AlertType.LOOP_DETECTED).get(0);
    assertThat(alert.details()).containsEntry("trace_id", traceId).containsEntry("agent", "researcher")
        .containsEntry("count", "6").containsEntry("limit_kind", "NESTING_DEPTH");
    assertThat(alerts.alerts(AlertType.LOOP_DETECTED)).hasSize(1);

    aiTrace.flush();
    List<SpanRecord> agentSpans = spans.getFinishedSpans().stream()
        .filter(s -> s.name().equals("invoke_agent researcher")).toList();
    assertThat(agentSpans).hasSize(6); // five that ran and the refused sixth, recorded with the reason
    SpanRecord refused = agentSpans.stream().filter(s -> s.attributes().get(AgentTracer.AGENT_DEPTH) == 6L)
        .findFirst().orElseThrow();
    assertThat(refused.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refused.statusDescription()).contains("agent nesting depth");
    assertThat(spans.getFinishedSpans()).allMatch(s -> s.traceId().equals(traceId));
    assertThat(aiTrace.ledger().snapshot().overall().total().calls()).isEqualTo(5);
  }

  @Test
  void callsPerTrace_areLimited_perTrace() {
    build(LoopGuardConfig.builder().maxCallsPerTrace(20).action(GuardAction.BLOCK).build());
    for (int t = 0; t < 2; t++) {
      Span request = aiTrace.tracer().spanBuilder("request").startSpan();
      try (Scope ignored = request.makeCurrent();
          Scope agent = Attribution.builder().agentName("planner").build().makeCurrent()) {
        for (int i = 0; i < 20; i++) {
          FakeAiCall.of(aiTrace).run();
        }
        LoopDetectedException e = catchThrowableOfType(LoopDetectedException.class, () -> FakeAiCall.of(aiTrace).run());
        assertThat(e.limitKind()).isEqualTo(LoopLimit.CALLS_PER_TRACE);
        assertThat(e.count()).isEqualTo(21);
        assertThat(e.agent()).isEqualTo("planner");
      } finally {
        request.end();
      }
    }
    assertThat(alerts.alerts(AlertType.LOOP_DETECTED)).hasSize(2); // one per trace
  }

  @Test
  void theSameRequestRepeated_isStopped_whileDifferentRequestsPass() {
    build(LoopGuardConfig.builder().maxRepeatedRequests(3).action(GuardAction.BLOCK).build());
    Span request = aiTrace.tracer().spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      for (int i = 0; i < 3; i++) {
        FakeAiCall.of(aiTrace).fingerprint("sha256:same").run();
        FakeAiCall.of(aiTrace).fingerprint("sha256:other-" + i).run();
      }
      assertThatThrownBy(() -> FakeAiCall.of(aiTrace).fingerprint("sha256:same").run())
          .isInstanceOf(LoopDetectedException.class)
          .satisfies(e -> assertThat(((LoopDetectedException) e).limitKind()).isEqualTo(LoopLimit.REPEATED_REQUEST));
    } finally {
      request.end();
    }
  }

  @Test
  void alertMode_letsCallsThrough_andAlertsOncePerTrace() {
    build(LoopGuardConfig.builder().maxCallsPerTrace(3).build());
    Span request = aiTrace.tracer().spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      for (int i = 0; i < 10; i++) {
        FakeAiCall.of(aiTrace).run();
      }
    } finally {
      request.end();
    }
    assertThat(aiTrace.ledger().snapshot().overall().total().calls()).isEqualTo(10);
    assertThat(alerts.alerts(AlertType.LOOP_DETECTED)).hasSize(1);
    assertThat(aiTrace.alerts().suppressedCount()).isEqualTo(6);
  }

  @Test
  void memory_isBounded_toMaxTraces() {
    LoopGuard guard = LoopGuard.create(LoopGuardConfig.builder().maxTraces(100).build(),
        Alerts.create(alerts, Duration.ofMinutes(10), clock));
    for (int i = 1; i <= 10_000; i++) {
      SpanContext sc = SpanContext.create(String.format("%032x", i), "00f067aa0ba902b7", TraceFlags.getSampled(),
          TraceState.getDefault());
      guard.beforeAiCall(Context.root().with(Span.wrap(sc)), new AiCall("chat", "gpt-4o", ""));
      clock.advance(Duration.ofMillis(1));
      assertThat(guard.trackedTraces()).isLessThanOrEqualTo(100);
    }
    clock.advance(Duration.ofHours(2));
    SpanContext late = SpanContext.create(String.format("%032x", 99_999), "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());
    guard.beforeAiCall(Context.root().with(Span.wrap(late)), new AiCall("chat", "gpt-4o", ""));
    assertThat(guard.trackedTraces()).isLessThanOrEqualTo(100);
  }

  @Test
  void configBuilder_failsFast_namingTheValue() {
    assertThatThrownBy(() -> LoopGuardConfig.builder().maxCallsPerTrace(0)).hasMessageContaining("maxCallsPerTrace")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> LoopGuardConfig.builder().traceIdle(Duration.ZERO).build())
        .hasMessageContaining("traceIdle");
  }
}
