package dev.aitrace.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a slice of AI calls added up to over a window or in total. Immutable.
 *
 * @param calls AI calls that ended, blocked ones included
 * @param errors calls that failed
 * @param blocked calls a budget or loop guard refused before they left
 * @param unknownCostCalls calls whose model had no price: their cost is not in {@code costUsd}
 * @param inputTokens input tokens, cached ones included
 * @param cachedInputTokens input tokens served from the prompt cache
 * @param outputTokens output tokens, reasoning ones included
 * @param reasoningTokens output tokens spent on reasoning
 * @param costUsd exact cost of the calls with a known price
 * @param meanLatencyMillis mean call duration; 0 without calls
 * @param latency call duration percentiles, where kept
 * @param timeToFirstChunk streamed calls' time to first chunk percentiles, where kept
 * @param scoreCount quality scores recorded against the slice's traces and tasks
 * @param meanScore their mean; 0 without scores
 * @param valueUsd business value recorded against the slice's traces and tasks
 */
public record Figures(
    long calls,
    long errors,
    long blocked,
    long unknownCostCalls,
    long inputTokens,
    long cachedInputTokens,
    long outputTokens,
    long reasoningTokens,
    BigDecimal costUsd,
    double meanLatencyMillis,
    Percentiles latency,
    Percentiles timeToFirstChunk,
    long scoreCount,
    double meanScore,
    BigDecimal valueUsd) {

  /** Failed calls over calls; 0 without calls. */
  public double errorRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }

  /**
   * Return on investment, {@code (value - cost) / cost}, to four decimals; empty while nothing was
   * spent or no value was recorded.
   */
  public Optional<BigDecimal> roi() {
    if (costUsd.signum() == 0 || valueUsd.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(valueUsd.subtract(costUsd).divide(costUsd, 4, RoundingMode.HALF_EVEN));
  }
}
