package dev.aitrace.ledger;

import java.math.BigDecimal;
import org.HdrHistogram.IntCountsHistogram;

/**
 * A mutable sum of AI calls, scores and value: the unit the ledger's totals and window buckets are
 * made of. Not thread-safe: its {@link Slice} guards it. Histograms (durations in microseconds, two
 * significant digits, auto-resizing) exist only where percentiles are kept, and only once a value
 * arrives.
 */
final class Tally {
  private final boolean percentiles;
  long calls;
  long errors;
  long blocked;
  long unknownCost;
  long input;
  long cached;
  long output;
  long reasoning;
  BigDecimal cost = BigDecimal.ZERO;
  long latencySumMicros;
  long scoreCount;
  double scoreSum;
  BigDecimal value = BigDecimal.ZERO;
  private IntCountsHistogram latency;
  private IntCountsHistogram ttft;

  Tally(boolean percentiles) {
    this.percentiles = percentiles;
  }

  void add(AiCallRecord call) {
    calls++;
    if (call.failed()) {
      errors++;
    }
    if (call.blocked()) {
      blocked++;
      return;
    }
    input += call.usage().inputTokens();
    cached += call.usage().cachedInputTokens();
    output += call.usage().outputTokens();
    reasoning += call.usage().reasoningTokens();
    if (call.cost().known()) {
      cost = cost.add(call.cost().usd().orElseThrow());
    } else {
      unknownCost++;
    }
    long micros = call.durationNanos() / 1000;
    latencySumMicros += micros;
    if (percentiles) {
      latency = record(latency, micros);
      if (call.timeToFirstChunkNanos() >= 0) {
        ttft = record(ttft, call.timeToFirstChunkNanos() / 1000);
      }
    }
  }

  void addScore(double score) {
    scoreCount++;
    scoreSum += score;
  }

  void addValue(BigDecimal usd) {
    value = value.add(usd);
  }

  void addAll(Tally other) {
    addCalls(other);
    scoreCount += other.scoreCount;
    scoreSum += other.scoreSum;
    value = value.add(other.value);
  }

  /** Adds the calls of {@code other}, not its scores and value: as if each call were added here. */
  void addCalls(Tally other) {
    calls += other.calls;
    errors += other.errors;
    blocked += other.blocked;
    unknownCost += other.unknownCost;
    input += other.input;
    cached += other.cached;
    output += other.output;
    reasoning += other.reasoning;
    cost = cost.add(other.cost);
    latencySumMicros += other.latencySumMicros;
    // An emptied histogram adds nothing: merged, it would only make one where no value ever landed.
    if (other.latency != null && other.latency.getTotalCount() > 0) {
      latency = merge(latency, other.latency);
    }
    if (other.ttft != null && other.ttft.getTotalCount() > 0) {
      ttft = merge(ttft, other.ttft);
    }
  }

  void reset() {
    calls = errors = blocked = unknownCost = input = cached = output = reasoning = latencySumMicros = scoreCount = 0;
    scoreSum = 0;
    cost = BigDecimal.ZERO;
    value = BigDecimal.ZERO;
    if (latency != null) {
      latency.reset();
    }
    if (ttft != null) {
      ttft.reset();
    }
  }

  Figures figures() {
    long sent = calls - blocked;
    return new Figures(calls, errors, blocked, unknownCost, input, cached, output, reasoning, cost,
        sent == 0 ? 0 : latencySumMicros / 1000.0 / sent, Percentiles.of(latency), Percentiles.of(ttft),
        scoreCount, scoreCount == 0 ? 0 : scoreSum / scoreCount, value);
  }

  private static IntCountsHistogram record(IntCountsHistogram h, long micros) {
    if (h == null) {
      h = new IntCountsHistogram(2);
    }
    h.recordValue(Math.max(0, micros));
    return h;
  }

  private static IntCountsHistogram merge(IntCountsHistogram into, IntCountsHistogram from) {
    if (into == null) {
      into = new IntCountsHistogram(2);
    }
    into.add(from);
    return into;
  }
}
