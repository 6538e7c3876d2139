package dev.aitrace.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo end to end against the embedded fake OpenAI server, with no latency. */
class AgentTeamDemoTest {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static DemoRuntime runtime;
  private static final List<DemoRuntime.Outcome> OUTCOMES = new ArrayList<>();

  @BeforeAll
  static void runScript() throws Exception {
    runtime = DemoRuntime.start(DemoSettings.fastLocal(), AiTrace.builder()
        .serviceName("agent-team-test").fromConfig(key -> null).shutdownHook(false)
        .scheduleDelay(Duration.ofMillis(20)).addExporter(SPANS));
    for (ClientRequest request : ClientRequest.SCRIPT) {
      OUTCOMES.add(runtime.send(request));
    }
    runtime.aiTrace().flush();
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
  }

  private static Map<String, SpanRecord> byId(List<SpanRecord> spans) {
    return spans.stream().collect(Collectors.toMap(SpanRecord::spanId, Function.identity()));
  }

  @Test
  void eachRequest_isOneTraceFromTheClientsCallThroughTheAgencyServerSpan() {
    Set<String> traceIds = new HashSet<>();
    for (DemoRuntime.Outcome outcome : OUTCOMES) {
      assertThat(outcome.traceId()).matches("[0-9a-f]{32}");
      traceIds.add(outcome.traceId());
      TraceTree tree = TraceTree.of(SPANS.spansOfTrace(outcome.traceId())).get(0);
      assertThat(tree.roots()).hasSize(1);
      TraceTree.Node root = tree.roots().get(0);
      assertThat(root.span().kind()).isEqualTo(SpanKind.CLIENT);
      assertThat(root.children()).singleElement().satisfies(server -> {
        assertThat(server.span().kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.span().name()).isEqualTo("POST /requests");
      });
    }
    assertThat(traceIds).hasSize(ClientRequest.SCRIPT.size());
  }

  @Test
  void normalBriefs_getADeliverableWithAQualityScore() {
    for (DemoRuntime.Outcome outcome : OUTCOMES) {
      if (outcome.request().isRunaway()) {
        continue;
      }
      assertThat(outcome.status()).isEqualTo(200);
      assertThat(outcome.body()).contains("## Recommendation").contains("QA review:");
      Review review = runtime.scores().of(outcome.traceId()).orElseThrow();
      assertThat(review.score()).isBetween(0.5, 1.0);
    }
  }

  @Test
  void qaAgent_calledOverHttp_joinsTheManagersTrace() {
    DemoRuntime.Outcome first = OUTCOMES.get(0);
    List<SpanRecord> spans = SPANS.spansOfTrace(first.traceId());
    Map<String, SpanRecord> byId = byId(spans);
    SpanRecord qa = spans.stream().filter(s -> s.name().equals("invoke_agent qa")).findFirst().orElseThrow();
    List<String> ancestors = new ArrayList<>();
    for (SpanRecord s = byId.get(qa.parentSpanId()); s != null; s = byId.get(s.parentSpanId())) {
      ancestors.add(s.kind() + " " + s.name());
    }
    assertThat(ancestors).containsExactly("SERVER POST /agents/qa", "CLIENT POST", "INTERNAL invoke_agent manager",
        "SERVER POST /requests", "CLIENT POST");
  }

  @Test
  void contentSpecialist_runsTheSearchToolInsideItsAgentSpan() {
    List<SpanRecord> spans = SPANS.spansOfTrace(OUTCOMES.get(0).traceId());
    Map<String, SpanRecord> byId = byId(spans);
    SpanRecord tool = spans.stream().filter(s -> s.name().equals("execute_tool web_search")).findFirst().orElseThrow();
    assertThat(byId.get(tool.parentSpanId()).name()).isEqualTo("invoke_agent content_specialist");
  }

  @Test
  void report_showsEveryTraceAndTheBreakdowns() {
    String report = DemoReport.render(OUTCOMES, SPANS.getFinishedSpans(), runtime.scores());
    for (DemoRuntime.Outcome outcome : OUTCOMES) {
      assertThat(report).contains("trace " + outcome.traceId());
    }
    assertThat(report).contains("Cost per agent", "Cost per user", "Cost per budget category", "Quality scores");
  }
}
