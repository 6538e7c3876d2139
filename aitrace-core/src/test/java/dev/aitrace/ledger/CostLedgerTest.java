package dev.aitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.testing.FakeAiCall;
import dev.aitrace.testing.TestClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CostLedgerTest {
  private final TestClock clock = TestClock.at("2026-03-02T10:00:00Z");
  private final AiTrace aiTrace = AiTrace.builder().shutdownHook(false).clock(clock).build();

  @AfterEach
  void close() {
    aiTrace.close();
  }

  private static Scope as(String user, String task, String agent, String category, String tenant) {
    return Attribution.builder().userId(user).taskId(task).agentName(agent).budgetCategory(category).tenant(tenant)
        .build().makeCurrent();
  }

  @Test
  void aiCallSpans_areAddedUp_perUserTaskAgentModelCategoryAndTenant_withExactCosts() {
    try (Scope ignored = as("u-1", "report-7", "writer", "consulting", "acme")) {
      // gpt-4o: 600 * 2.50 + 400 * 1.25 + 200 * 10 = $0.004
      FakeAiCall.of(aiTrace).model("gpt-4o").responseModel("gpt-4o-2024-08-06").tokens(1_000, 400, 200, 0).run();
      // o3: 2000 * 2 + 5000 * 8 = $0.044 (reasoning inside output)
      FakeAiCall.of(aiTrace).model("o3").tokens(2_000, 0, 5_000, 4_000).run();
    }
    try (Scope ignored = as("u-2", "report-8", "researcher", "it", "acme")) {
      FakeAiCall.of(aiTrace).model("text-embedding-3-small").operation("embeddings").tokens(1_234_567, 0, 0, 0).run();
      FakeAiCall.of(aiTrace).model("gpt-4o").failed("RateLimitError").run();
    }
    LedgerSnapshot now = aiTrace.ledger().snapshot();

    Figures all = now.overall().total();
    assertThat(all.calls()).isEqualTo(4);
    assertThat(all.errors()).isEqualTo(1);
    assertThat(all.costUsd()).isEqualByComparingTo("0.07269134"); // 0.004 + 0.044 + 0.02469134
    assertThat(all.inputTokens()).isEqualTo(1_237_567);
    assertThat(all.cachedInputTokens()).isEqualTo(400);
    assertThat(all.outputTokens()).isEqualTo(5_200);
    assertThat(all.reasoningTokens()).isEqualTo(4_000);

    Figures u1 = now.slice(Dimension.USER, "u-1").orElseThrow().total();
    assertThat(u1.calls()).isEqualTo(2);
    assertThat(u1.costUsd()).isEqualByComparingTo("0.048");
    assertThat(now.slice(Dimension.TASK, "report-8").orElseThrow().total().costUsd()).isEqualByComparingTo("0.02469134");
    assertThat(now.slice(Dimension.AGENT, "writer").orElseThrow().lastMinute().calls()).isEqualTo(2);
    assertThat(now.slice(Dimension.CATEGORY, "it").orElseThrow().total().errorRate()).isEqualTo(0.5);
    assertThat(now.slice(Dimension.TENANT, "acme").orElseThrow().total().costUsd()).isEqualByComparingTo("0.07269134");
    Figures gpt4o = now.slice(Dimension.MODEL, "gpt-4o").orElseThrow().total();
    assertThat(gpt4o.calls()).isEqualTo(2);
    assertThat(gpt4o.errors()).isEqualTo(1);
    assertThat(gpt4o.costUsd()).isEqualByComparingTo("0.004");
    // ordered by cost, highest first
    assertThat(now.slices(Dimension.USER)).extracting(SliceSnapshot::key).containsExactly("u-1", "u-2");
  }

  @Test
  void cost_isRecomputedFromModelAndTokens_notSummedFromTheRoundedAttribute() {
    Span span = FakeAiCall.of(aiTrace).model("gpt-4.1").start();
    span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 1_500L);
    span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, 300L);
    span.setAttribute(GenAiAttributes.COST_USD, 999.0);
    span.end();
    assertThat(aiTrace.ledger().snapshot().overall().total().costUsd()).isEqualByComparingTo("0.0054");
  }

  @Test
  void streamedCall_costsTheSameAsTheSameCallUnstreamed_andRecordsTimeToFirstChunk() {
    FakeAiCall.of(aiTrace).model("gpt-5").tokens(3_000, 1_000, 800, 500).run();
    FakeAiCall.of(aiTrace).model("gpt-5").tokens(3_000, 1_000, 800, 500).streamed(0.25).run();
    Figures gpt5 = aiTrace.ledger().snapshot().slice(Dimension.MODEL, "gpt-5").orElseThrow().total();
    // each: 2000 * 1.25 + 1000 * 0.125 + 800 * 10 = 10625 per 1M
    assertThat(gpt5.costUsd()).isEqualByComparingTo("0.02125");
    assertThat(gpt5.timeToFirstChunk().count()).isEqualTo(1);
    assertThat(gpt5.timeToFirstChunk().p50Millis()).isCloseTo(250, within(2.5));
  }

  @Test
  void unknownModel_isCountedAsUnknown_neverAsZero() {
    FakeAiCall.of(aiTrace).model("acme-llm-7b").tokens(100, 0, 100, 0).run();
    FakeAiCall.of(aiTrace).model("gpt-4o-mini").tokens(1_000_000, 0, 0, 0).run();
    Figures all = aiTrace.ledger().snapshot().overall().total();
    assertThat(all.unknownCostCalls()).isEqualTo(1);
    assertThat(all.costUsd()).isEqualByComparingTo("0.15");
    assertThat(aiTrace.ledger().snapshot().slice(Dimension.MODEL, "acme-llm-7b").orElseThrow().total().unknownCostCalls())
        .isEqualTo(1);
  }

  @Test
  void rollingWindows_forgetOldCalls_whileTheTotalKeepsThem() {
    FakeAiCall.of(aiTrace).model("gpt-4o-mini").tokens(1_000_000, 0, 0, 0).run();
    assertThat(aiTrace.ledger().snapshot().overall().lastMinute().calls()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    FakeAiCall.of(aiTrace).model("gpt-4o-mini").tokens(1_000_000, 0, 0, 0).run();
    SliceSnapshot s = aiTrace.ledger().snapshot().overall();
    assertThat(s.lastMinute().costUsd()).isEqualByComparingTo("0.15");
    assertThat(s.lastHour().costUsd()).isEqualByComparingTo("0.30");
    clock.advance(Duration.ofHours(2));
    s = aiTrace.ledger().snapshot().overall();
    assertThat(s.lastMinute().calls()).isZero();
    assertThat(s.lastHour().calls()).isZero();
    assertThat(s.lastDay().calls()).isEqualTo(2);
    clock.advance(Duration.ofHours(25));
    s = aiTrace.ledger().snapshot().overall();
    assertThat(s.lastDay().calls()).isZero();
    assertThat(s.total().calls()).isEqualTo(2);
    assertThat(s.total().costUsd()).isEqualByComparingTo("0.30");
  }

  @Test
  void latencyPercentiles_perModelAndAgent() {
    try (Scope ignored = as("u-1", null, "planner", null, null)) {
      for (int ms = 1; ms <= 100; ms++) {
        FakeAiCall.of(aiTrace).model("gpt-4.1-mini").tokens(10, 0, 10, 0).durationMillis(ms * 10L).run();
      }
    }
    LedgerSnapshot now = aiTrace.ledger().snapshot();
    Percentiles latency = now.slice(Dimension.MODEL, "gpt-4.1-mini").orElseThrow().total().latency();
    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.p50Millis()).isCloseTo(500, within(5.0));
    assertThat(latency.p95Millis()).isCloseTo(950, within(10.0));
    assertThat(latency.p99Millis()).isCloseTo(990, within(10.0));
    assertThat(now.slice(Dimension.AGENT, "planner").orElseThrow().lastMinute().latency().p95Millis())
        .isCloseTo(950, within(10.0));
    Figures user = now.slice(Dimension.USER, "u-1").orElseThrow().total();
    assertThat(user.latency()).isEqualTo(Percentiles.NONE);
    assertThat(user.meanLatencyMillis()).isCloseTo(505, within(0.5));
  }

  @Test
  void rateLimitHeadroom_perModel_isTheLatestReported() {
    FakeAiCall.of(aiTrace).model("gpt-4o").tokens(1, 0, 1, 0).rateLimit(10_000, 9_000).run();
    FakeAiCall.of(aiTrace).model("gpt-4o").tokens(1, 0, 1, 0).rateLimit(10_000, 2_500).run();
    RateLimitSnapshot gpt4o = aiTrace.ledger().snapshot().rateLimits().get(0);
    assertThat(gpt4o.model()).isEqualTo("gpt-4o");
    assertThat(gpt4o.remainingRequests()).isEqualTo(2_500);
    assertThat(gpt4o.requestHeadroom()).hasValue(0.25);
    assertThat(gpt4o.tokenHeadroom()).isEmpty();
  }

  @Test
  void inFlightCalls_areCountedPerAgent_untilTheyEnd() {
    Span a;
    Span b;
    try (Scope ignored = as(null, null, "researcher", null, null)) {
      a = FakeAiCall.of(aiTrace).start();
      b = FakeAiCall.of(aiTrace).start();
    }
    assertThat(aiTrace.ledger().snapshot().inFlightByAgent()).containsEntry("researcher", 2L);
    a.end();
    assertThat(aiTrace.ledger().snapshot().inFlightByAgent()).containsEntry("researcher", 1L);
    b.end();
    assertThat(aiTrace.ledger().snapshot().inFlightByAgent()).doesNotContainKey("researcher");
  }

  @Test
  void blockedCalls_areCounted_butCostNothing() {
    Span span = FakeAiCall.of(aiTrace).model("gpt-4o").start();
    span.setAttribute(GenAiAttributes.BLOCKED_REASON, "budget spent");
    span.end();
    Figures all = aiTrace.ledger().snapshot().overall().total();
    assertThat(all.calls()).isEqualTo(1);
    assertThat(all.blocked()).isEqualTo(1);
    assertThat(all.errors()).isZero();
    assertThat(all.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
  }
}
