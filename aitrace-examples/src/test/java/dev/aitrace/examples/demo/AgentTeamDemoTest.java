package dev.aitrace.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.alert.AlertType;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.ledger.Dimension;
import io.opentelemetry.api.trace.StatusCode;
import java.math.BigDecimal;
import java.util.TreeMap;
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
  void everyAiCall_isAChildOfTheAgentThatMadeIt() {
    List<SpanRecord> all = SPANS.getFinishedSpans();
    Map<String, SpanRecord> byId = byId(all);
    List<SpanRecord> aiCalls = all.stream().filter(AiSpans::isAiCall).toList();
    // per normal brief: plan, team, tool call, streamed draft, review; the runaway brief adds its plans
    assertThat(aiCalls).hasSizeGreaterThanOrEqualTo(5 * (ClientRequest.SCRIPT.size() - 1));
    for (SpanRecord call : aiCalls) {
      String agent = call.attributes().get(Attribution.AGENT_NAME);
      SpanRecord parent = byId.get(call.parentSpanId());
      if (parent.name().equals("execute_tool " + ResearchTool.NAME)) {
        // the search tool's embeddings call: the tool runs inside the content specialist
        assertThat(call.attributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("embeddings");
        parent = byId.get(parent.parentSpanId());
      } else if ("qa".equals(agent)) {
        // on the embedded fake the QA agent reviews with a reasoning model
        assertThat(call.attributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("o4-mini");
        assertThat(call.attributes().get(GenAiAttributes.USAGE_REASONING_TOKENS)).isPositive();
      } else {
        assertThat(call.attributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
      }
      assertThat(parent.name()).isEqualTo("invoke_agent " + agent);
      assertThat(call.traceId()).isEqualTo(parent.traceId());
      assertThat(call.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isPositive();
      assertThat(call.attributes().get(GenAiAttributes.COST_USD)).isPositive();
    }
  }

  @Test
  void aiCalls_showCachedTokens_timeToFirstChunk_andTheFakesThrottlingAsRetries() {
    List<SpanRecord> aiCalls = SPANS.getFinishedSpans().stream().filter(AiSpans::isAiCall).toList();
    long cached = aiCalls.stream().mapToLong(s -> AiSpans.tokens(s, GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).sum();
    long retries = aiCalls.stream().mapToLong(s -> AiSpans.tokens(s, GenAiAttributes.RETRY_COUNT)).sum();
    List<SpanRecord> streamed = aiCalls.stream()
        .filter(s -> Boolean.TRUE.equals(s.attributes().get(GenAiAttributes.REQUEST_STREAM))).toList();

    assertThat(cached).isPositive();
    assertThat(retries).isPositive();
    assertThat(streamed).hasSize(ClientRequest.SCRIPT.size() - 1).allSatisfy(s -> {
      assertThat(s.attributes().get(Attribution.AGENT_NAME)).isEqualTo(ContentSpecialist.NAME);
      assertThat(s.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull();
    });
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
  void runawayBrief_isStoppedByTheLoopGuard_withTheRefusedAgentInTheTrace() {
    DemoRuntime.Outcome runaway = OUTCOMES.stream().filter(o -> o.request().isRunaway()).findFirst().orElseThrow();
    assertThat(runaway.status()).isEqualTo(508);
    assertThat(runaway.body()).startsWith("Stopped by the loop guard:").contains("agent nesting depth", runaway.traceId());

    List<SpanRecord> managers = SPANS.spansOfTrace(runaway.traceId()).stream()
        .filter(s -> s.name().equals("invoke_agent manager")).toList();
    // four levels ran, the fifth was refused as it started, and every level failed with the guard's exception
    assertThat(managers).hasSize(DemoRuntime.LOOP_GUARD.maxAgentDepth() + 1)
        .allSatisfy(s -> assertThat(s.statusCode()).isEqualTo(StatusCode.ERROR));
    assertThat(managers).anySatisfy(s -> assertThat(s.statusDescription()).contains("agent nesting depth reached 5"));
    assertThat(runtime.alerts()).anySatisfy(a -> {
      assertThat(a.type()).isEqualTo(AlertType.LOOP_DETECTED);
      assertThat(a.details()).containsEntry("trace_id", runaway.traceId()).containsEntry("agent", Manager.NAME);
    });
  }

  @Test
  void ledgerCostPerAgent_equalsTheSumOfThatAgentsAiCallSpans() {
    List<CostBreakdown.Row> rows = CostBreakdown.fromLedger(runtime.aiTrace().ledger().snapshot(), Dimension.AGENT);
    Map<String, BigDecimal> fromSpans = new TreeMap<>();
    Map<String, Long> callsFromSpans = new TreeMap<>();
    for (SpanRecord span : SPANS.getFinishedSpans()) {
      if (AiSpans.isAiCall(span) && span.attributes().get(GenAiAttributes.BLOCKED_REASON) == null) {
        fromSpans.merge(AiSpans.agent(span), AiSpans.cost(span).orElseThrow(), BigDecimal::add);
        callsFromSpans.merge(AiSpans.agent(span), 1L, Long::sum);
      }
    }

    assertThat(rows).extracting(CostBreakdown.Row::key)
        .containsExactlyInAnyOrder(Manager.NAME, Recruiter.NAME, ContentSpecialist.NAME, QaAgent.NAME);
    for (CostBreakdown.Row row : rows) {
      assertThat(row.calls() - row.blocked()).as(row.key()).isEqualTo(callsFromSpans.get(row.key()));
      assertThat(row.cost()).as(row.key()).isCloseTo(fromSpans.get(row.key()), within(new BigDecimal("1e-12")));
      assertThat(row.unknownCostCalls()).isZero();
    }
    CostBreakdown.Row qa = rows.stream().filter(r -> r.key().equals(QaAgent.NAME)).findFirst().orElseThrow();
    assertThat(qa.meanScore()).isBetween(0.5, 1.0);
  }

  @Test
  void report_showsEveryTraceAndTheBreakdowns() {
    String report = DemoReport.render(OUTCOMES, SPANS.getFinishedSpans(), runtime.scores(),
        runtime.aiTrace().ledger().snapshot(), runtime.alerts());
    for (DemoRuntime.Outcome outcome : OUTCOMES) {
      assertThat(report).contains("trace " + outcome.traceId());
    }
    assertThat(report).contains("Cost per agent", "Cost per user", "Cost per budget category", "Quality scores",
        "LOOP_DETECTED");
  }
}
