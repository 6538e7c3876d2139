package dev.aitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.Attribution;
import dev.aitrace.cost.CostEstimate;
import dev.aitrace.cost.TokenUsage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SliceTest {
  private static AiCallRecord call(String usd, long durationMillis, long ttftMillis, String error, String blocked) {
    CostEstimate cost = usd == null ? CostEstimate.unknown("gpt-4o") : CostEstimate.known("gpt-4o", new BigDecimal(usd));
    return new AiCallRecord("4bf92f3577b34da6a3ce929d0e0e4736", "chat", "openai", "gpt-4o", "gpt-4o", Attribution.empty(),
        TokenUsage.of(100, 20), cost, durationMillis * 1_000_000, ttftMillis < 0 ? -1 : ttftMillis * 1_000_000, error,
        blocked, AiCallRecord.RateLimit.NONE, 0);
  }

  /** Feeds both slices the same calls, scores and values; {@code read} is read after every step. */
  private static void feed(Slice read, Slice unread) {
    Object[][] steps = {
        {0L, call("0.0015", 800, -1, "", "")},
        {4_000L, call("0.0020", 1_200, 150, "", "")},
        {9_999L, call(null, 400, -1, "", "")},
        {10_000L, call("0.0001", 90, -1, "RateLimitError", "")},
        {25_000L, call("0", 0, -1, "", "budget 'team' exhausted")},
        {26_000L, 0.75},
        {61_000L, call("0.00125", 2_500, 300, "", "")},
        {59_000L, call("0.003", 700, -1, "", "")}, // a clock that stepped back
        {62_000L, new BigDecimal("1.50")},
        {300_500L, call("0.010", 5_000, 900, "", "")},
        {3_700_000L, call("0.0005", 300, -1, "", "")},
    };
    for (Object[] step : steps) {
      long at = (Long) step[0];
      for (Slice slice : new Slice[] {read, unread}) {
        if (step[1] instanceof AiCallRecord c) {
          slice.add(c, at);
        } else if (step[1] instanceof Double score) {
          slice.addScore(score, at);
        } else {
          slice.addValue((BigDecimal) step[1], at);
        }
      }
      read.snapshot(at);
    }
  }

  @Test
  void callsAddedOnlyToTheirTenSecondBucket_addUpExactlyAsIfAddedToEveryWindow() {
    for (boolean percentiles : new boolean[] {true, false}) {
      Slice read = new Slice("gpt-4o", percentiles);
      Slice unread = new Slice("gpt-4o", percentiles);
      feed(read, unread);
      for (long at : new long[] {3_700_000L, 3_705_000L, 3_710_000L, 3_900_000L, 90_000_000L}) {
        assertThat(unread.snapshot(at)).as("at %d ms, percentiles %s", at, percentiles).isEqualTo(read.snapshot(at));
      }
      assertThat(unread.totalCost()).isEqualTo(read.totalCost());
    }
  }

  @Test
  void windows_holdTheCallsOfTheirBuckets() {
    Slice slice = new Slice("gpt-4o", true);
    feed(new Slice("gpt-4o", true), slice);

    SliceSnapshot at = slice.snapshot(3_705_000L);
    assertThat(at.total().calls()).isEqualTo(9);
    assertThat(at.total().blocked()).isEqualTo(1);
    assertThat(at.total().errors()).isEqualTo(1);
    assertThat(at.total().unknownCostCalls()).isEqualTo(1);
    assertThat(at.total().costUsd()).isEqualByComparingTo("0.01835");
    assertThat(at.total().valueUsd()).isEqualByComparingTo("1.50");
    assertThat(at.total().scoreCount()).isEqualTo(1);
    assertThat(at.total().timeToFirstChunk().count()).isEqualTo(3);
    assertThat(at.lastMinute().calls()).isEqualTo(1); // the call at 3,700 s
    assertThat(at.lastMinute().latency().p50Millis()).isBetween(297.0, 303.0); // two significant digits
    assertThat(at.lastHour().calls()).isEqualTo(2); // buckets from 300 s on: 300.5 s and 3,700 s
    assertThat(at.lastDay().calls()).isEqualTo(9);
    assertThat(at.lastDay().latency().count()).isEqualTo(8); // the blocked call took no time
  }
}
