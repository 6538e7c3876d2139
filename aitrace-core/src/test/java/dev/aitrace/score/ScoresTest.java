package dev.aitrace.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.ledger.Dimension;
import dev.aitrace.ledger.Figures;
import dev.aitrace.ledger.LedgerSnapshot;
import dev.aitrace.testing.FakeAiCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final AiTrace aiTrace = AiTrace.builder().shutdownHook(false).addExporter(spans).build();

  @AfterEach
  void close() {
    aiTrace.close();
  }

  /** One request in which two agents work for a consulting task; returns the trace id and root span. */
  private Span request(String task) {
    Span root = aiTrace.tracer().spanBuilder("POST /report").startSpan();
    try (Scope ignored = root.makeCurrent();
        Scope who = Attribution.builder().taskId(task).budgetCategory("consulting").build().makeCurrent()) {
      aiTrace.agents().invokeAgent("researcher", () ->
          FakeAiCall.of(aiTrace).model("gpt-4.1").tokens(100_000, 0, 25_000, 0).run()); // $0.40
      aiTrace.agents().invokeAgent("writer", () ->
          FakeAiCall.of(aiTrace).model("gpt-4.1").tokens(50_000, 0, 12_500, 0).run()); // $0.20
    } finally {
      root.end();
    }
    return root;
  }

  @Test
  void traceScore_isExportedInTheScoredTrace_andAggregatedPerAgent() {
    Span root = request("report-7");
    String traceId = root.getSpanContext().getTraceId();
    aiTrace.scores().scoreTrace(traceId, "reviewer_rating", 0.4, "numbers in section 2 are wrong");
    aiTrace.flush();

    SpanRecord score = spans.getFinishedSpans().stream().filter(s -> s.name().equals("score reviewer_rating"))
        .findFirst().orElseThrow();
    assertThat(score.traceId()).isEqualTo(traceId);
    assertThat(score.parentSpanId()).isEqualTo(root.getSpanContext().getSpanId());
    assertThat(score.links()).singleElement().satisfies(l ->
        assertThat(l.spanContext().getSpanId()).isEqualTo(root.getSpanContext().getSpanId()));
    assertThat(score.attributes().get(Scores.SCORE_VALUE)).isEqualTo(0.4);
    assertThat(score.attributes().get(Scores.SCORE_COMMENT)).isEqualTo("numbers in section 2 are wrong");
    assertThat(score.attributes().get(Scores.SCORED_TRACE_ID)).isEqualTo(traceId);

    LedgerSnapshot s = aiTrace.ledger().snapshot();
    for (String agent : new String[] {"researcher", "writer"}) {
      Figures f = s.slice(Dimension.AGENT, agent).orElseThrow().total();
      assertThat(f.scoreCount()).isEqualTo(1);
      assertThat(f.meanScore()).isEqualTo(0.4);
    }
    assertThat(s.overall().total().meanScore()).isEqualTo(0.4);
  }

  @Test
  void traceScore_fromInsideTheTrace_sitsUnderTheSpanThatGaveIt() {
    Span root = aiTrace.tracer().spanBuilder("POST /report").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      aiTrace.agents().invokeAgent("qa", () -> aiTrace.scores()
          .scoreTrace(AiTrace.currentTraceId().orElseThrow(), "quality", 0.9, "ready"));
    } finally {
      root.end();
    }
    aiTrace.flush();
    SpanRecord qa = spans.getFinishedSpans().stream().filter(s -> s.name().equals("invoke_agent qa"))
        .findFirst().orElseThrow();
    SpanRecord score = spans.getFinishedSpans().stream().filter(s -> s.name().equals("score quality"))
        .findFirst().orElseThrow();
    assertThat(score.traceId()).isEqualTo(root.getSpanContext().getTraceId());
    assertThat(score.parentSpanId()).isEqualTo(qa.spanId());
    assertThat(score.attributes().get(Scores.SCORE_VALUE)).isEqualTo(0.9);
  }

  @Test
  void taskValue_givesRoiPerCategory() {
    request("report-7");
    request("report-7");
    aiTrace.scores().valueTask("report-7", new BigDecimal("6.00"), "invoiced");
    Figures consulting = aiTrace.ledger().snapshot().slice(Dimension.CATEGORY, "consulting").orElseThrow().total();
    assertThat(consulting.costUsd()).isEqualByComparingTo("1.20");
    assertThat(consulting.valueUsd()).isEqualByComparingTo("6.00");
    assertThat(consulting.roi()).hasValueSatisfying(roi -> assertThat(roi).isEqualByComparingTo("4")); // (6 - 1.2) / 1.2
    aiTrace.flush();
    SpanRecord value = spans.getFinishedSpans().stream().filter(s -> s.name().equals("value")).findFirst().orElseThrow();
    assertThat(value.attributes().get(Scores.VALUE_USD)).isEqualTo(6.0);
    assertThat(value.attributes().get(Attribution.TASK_ID)).isEqualTo("report-7");
  }

  @Test
  void scoreForAnUnknownTrace_countsOverall_andStartsItsOwnTrace() {
    String unknown = "4bf92f3577b34da6a3ce929d0e0e4736";
    aiTrace.scores().scoreTrace(unknown, "accuracy", 1.0, "");
    aiTrace.flush();
    SpanRecord score = spans.getFinishedSpans().get(0);
    assertThat(score.traceId()).isNotEqualTo(unknown);
    assertThat(score.attributes().get(Scores.SCORED_TRACE_ID)).isEqualTo(unknown);
    assertThat(aiTrace.ledger().snapshot().overall().total().scoreCount()).isEqualTo(1);
  }

  @Test
  void badInput_isRefusedWithAClearMessage() {
    assertThatThrownBy(() -> aiTrace.scores().scoreTrace("xyz", "a", 1, "")).hasMessageContaining("xyz");
    assertThatThrownBy(() -> aiTrace.scores().scoreTrace("4bf92f3577b34da6a3ce929d0e0e4736", "a", Double.NaN, ""))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> aiTrace.scores().valueTask("t", new BigDecimal("-1"), "")).hasMessageContaining("-1");
  }
}
