package dev.aitrace.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The terminal view of a trace and the cost breakdown, from spans recorded by a real {@link AiTrace}. */
class WaterfallTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private AiTrace aiTrace;

  @BeforeEach
  void start() {
    aiTrace = AiTrace.builder().fromConfig(k -> null).shutdownHook(false).addExporter(spans).build();
  }

  @AfterEach
  void stop() {
    aiTrace.close();
  }

  private void aiCall(String model, long in, long cached, long out, long reasoning, double cost, long retries,
      Double ttftSeconds) {
    Span span = aiTrace.tracer().spanBuilder("chat " + model).setSpanKind(SpanKind.CLIENT)
        .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
        .setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, in)
        .setAttribute(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS, cached)
        .setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, out)
        .setAttribute(GenAiAttributes.USAGE_REASONING_TOKENS, reasoning)
        .setAttribute(GenAiAttributes.COST_USD, cost)
        .setAttribute(GenAiAttributes.RETRY_COUNT, retries)
        .startSpan();
    if (ttftSeconds != null) {
      span.setAttribute(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, ttftSeconds);
    }
    span.end();
  }

  private List<SpanRecord> recordOneRequest() {
    Span server = aiTrace.tracer().spanBuilder("POST /requests").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope s = server.makeCurrent();
        Scope who = Attribution.builder().userId("alice").budgetCategory("consulting").build().makeCurrent()) {
      aiTrace.agents().invokeAgent("manager", () -> {
        aiCall("gpt-4o-mini", 412, 256, 55, 0, 0.000095, 1, null);
        aiTrace.agents().invokeAgent("content_specialist", () -> aiCall("o4-mini", 900, 0, 420, 128, 0.0021, 0, 0.143));
        Span blocked = aiTrace.tracer().spanBuilder("chat gpt-4o-mini")
            .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
            .setAttribute(GenAiAttributes.BLOCKED_REASON, "agent nesting depth reached 5 (limit 4)")
            .startSpan();
        blocked.setStatus(StatusCode.ERROR, "blocked");
        blocked.end();
      });
    } finally {
      server.end();
    }
    aiTrace.flush();
    return spans.getFinishedSpans();
  }

  @Test
  void waterfall_indentsByParent_andShowsTokensCostTtftRetriesAndGuardStops() {
    List<TraceTree> trees = TraceTree.of(recordOneRequest());

    assertThat(trees).hasSize(1);
    List<String> lines = Waterfall.render(trees.get(0)).lines().toList();
    assertThat(lines.get(0)).startsWith("trace " + trees.get(0).traceId())
        .contains("user=alice", "budget=consulting", "3 AI calls", "$0.002195");
    assertThat(lines.get(2)).startsWith("POST /requests ");
    assertThat(lines.get(3)).startsWith("  invoke_agent manager ");
    assertThat(lines.get(4)).startsWith("    chat gpt-4o-mini ").contains("manager", "412 (256)", "55 (0)", "$0.000095")
        .matches(".* 1  \\|.*");
    assertThat(lines.get(5)).startsWith("    invoke_agent content_specialist ");
    assertThat(lines.get(6)).startsWith("      chat o4-mini ").contains("900 (0)", "420 (128)", "$0.002100", "143 ms");
    assertThat(lines.get(7)).contains("BLOCKED: agent nesting depth reached 5 (limit 4)");
    assertThat(lines).hasSize(8);
  }

  @Test
  void costBreakdown_showsSharesQualityAndUnknownCosts() {
    List<CostBreakdown.Row> rows = List.of(
        new CostBreakdown.Row("content_specialist", 8, 2149, 448, 915, 0, new BigDecimal("0.000300"), 0, 0, 0.92),
        new CostBreakdown.Row("manager", 16, 2656, 960, 832, 0, new BigDecimal("0.000100"), 2, 3, -1));

    List<String> lines = CostBreakdown.render("Cost per agent", rows).lines().toList();

    assertThat(lines.get(0)).isEqualTo("Cost per agent");
    assertThat(lines.get(2)).contains("content_specialist", "2149 (448)", "915 (0)", "$0.000300 ", "75%", "0.92");
    assertThat(lines.get(3)).contains("manager", " 3 ", "$0.000100+?", "25%").endsWith("-");
  }
}
