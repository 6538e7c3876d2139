package dev.aitrace.ledger;

/**
 * Latency percentiles in milliseconds, from an HdrHistogram with two significant digits.
 *
 * @param count how many values they summarise; 0 when none (then every percentile is 0)
 */
public record Percentiles(long count, double p50Millis, double p95Millis, double p99Millis) {
  /** No values recorded, or not kept for this slice (see {@link Dimension#keepsPercentiles()}). */
  public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

  static Percentiles of(org.HdrHistogram.AbstractHistogram micros) {
    if (micros == null || micros.getTotalCount() == 0) {
      return NONE;
    }
    return new Percentiles(micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(95) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0);
  }
}
