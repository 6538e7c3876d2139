package dev.aitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.Attribution;
import dev.aitrace.cost.CostEstimate;
import dev.aitrace.cost.PriceTable;
import dev.aitrace.cost.TokenUsage;
import dev.aitrace.testing.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostLedgerScaleTest {
  private static final PriceTable PRICES = PriceTable.bundled();

  private static AiCallRecord call(String user, String model, TokenUsage usage) {
    return new AiCallRecord("0af7651916cd43dd8448eb211c80319c", "chat", "openai", model, model,
        Attribution.builder().userId(user).agentName("writer").budgetCategory("it").build(), usage,
        PRICES.cost(model, usage), 1_000_000, -1, "", "", AiCallRecord.RateLimit.NONE, 0);
  }

  @Test
  void aMillionCalls_sumWithoutDrift() {
    TestClock clock = TestClock.at("2026-03-02T10:00:00Z");
    CostLedger ledger = CostLedger.builder().clock(clock).build();
    // gpt-4o-mini: 1000 uncached * 0.15 + 234 cached * 0.075 + 567 out * 0.60 = 507.75 per 1M
    TokenUsage usage = new TokenUsage(1_234, 234, 567, 0);
    BigDecimal one = PRICES.cost("gpt-4o-mini", usage).usd().orElseThrow();
    assertThat(one).isEqualByComparingTo("0.00050775");
    double naive = 0;
    for (int i = 0; i < 1_000_000; i++) {
      ledger.record(call("u-" + (i % 10), "gpt-4o-mini", usage));
      naive += one.doubleValue();
      if (i % 100_000 == 0) {
        clock.advance(Duration.ofSeconds(1));
      }
    }
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.overall().total().calls()).isEqualTo(1_000_000);
    assertThat(s.overall().total().costUsd()).isEqualByComparingTo("507.75");
    assertThat(s.overall().lastDay().costUsd()).isEqualByComparingTo("507.75");
    assertThat(s.slice(Dimension.USER, "u-3").orElseThrow().total().costUsd()).isEqualByComparingTo("50.775");
    // the double sum of the same amounts does not come out exact, which is why the ledger does not use it
    assertThat(new BigDecimal(naive)).isNotEqualByComparingTo("507.75");
  }

  @Test
  void aMillionDistinctUsers_stayWithinTheKeyCap_andTotalsStayExact() {
    CostLedger ledger = CostLedger.builder().maxKeysPerDimension(1_000).build();
    TokenUsage usage = TokenUsage.of(1_000, 100); // gpt-4.1-nano: 1000 * 0.10 + 100 * 0.40 = 140 per 1M
    for (int i = 0; i < 1_000_000; i++) {
      ledger.record(call("user-" + i, "gpt-4.1-nano", usage));
    }
    LedgerSnapshot s = ledger.snapshot();
    assertThat(ledger.keyCount(Dimension.USER)).isEqualTo(1_000);
    assertThat(s.overflowCalls()).containsEntry(Dimension.USER, 999_000L).containsEntry(Dimension.MODEL, 0L);
    assertThat(s.slices(Dimension.USER)).hasSize(1_001);
    SliceSnapshot other = s.slice(Dimension.USER, CostLedger.OTHER).orElseThrow();
    assertThat(other.total().calls()).isEqualTo(999_000);
    assertThat(other.total().costUsd()).isEqualByComparingTo("139.86");
    assertThat(s.overall().total().costUsd()).isEqualByComparingTo("140");
    BigDecimal sumOfUsers = s.slices(Dimension.USER).stream().map(u -> u.total().costUsd())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sumOfUsers).isEqualByComparingTo("140");
  }

  @Test
  void callsWithoutAUser_areUnattributed_notLost() {
    CostLedger ledger = CostLedger.builder().build();
    ledger.record(call(null, "gpt-4o-mini", TokenUsage.of(1_000_000, 0)));
    assertThat(ledger.snapshot().slice(Dimension.USER, CostLedger.UNATTRIBUTED).orElseThrow().total().costUsd())
        .isEqualByComparingTo("0.15");
  }
}
