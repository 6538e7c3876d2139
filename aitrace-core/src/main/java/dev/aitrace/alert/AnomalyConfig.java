package dev.aitrace.alert;

/**
 * How the {@link AnomalyDetector} compares the current minute with the rolling baseline of the
 * minutes before it. Immutable.
 *
 * <pre>{@code
 * AiTrace.builder().anomalyDetection(AnomalyConfig.builder().sensitivity(4).build())
 * }</pre>
 *
 * @param sensitivity standard deviations above the baseline mean that cost per minute must exceed;
 *     higher is quieter. Default 3
 * @param minCostRatio the current minute must also cost at least this multiple of the baseline mean,
 *     so that a very steady baseline does not alert on small wobbles. Default 2 (a 100% rise)
 * @param baselineMinutes minutes the baseline spans. Default 30
 * @param minBaselineMinutes minutes of history needed before anything alerts. Default 10
 * @param errorRateFactor the current minute's error rate must reach this multiple of the baseline's.
 *     Default 3
 * @param minErrorRate ... and at least this rate. Default 0.1
 * @param latencyFactor the current minute's p95 latency must reach this multiple of the baseline's.
 *     Default 2
 * @param minCalls calls the current minute (and the baseline) needs before error rate and latency are
 *     judged. Default 20
 */
public record AnomalyConfig(
    double sensitivity, double minCostRatio, int baselineMinutes, int minBaselineMinutes,
    double errorRateFactor, double minErrorRate, double latencyFactor, int minCalls) {

  public AnomalyConfig {
    positive("sensitivity", sensitivity);
    if (!(minCostRatio >= 1)) {
      throw new IllegalArgumentException("minCostRatio must be at least 1, was " + minCostRatio);
    }
    if (baselineMinutes < 2 || baselineMinutes > 24 * 60) {
      throw new IllegalArgumentException("baselineMinutes must be in [2, 1440], was " + baselineMinutes);
    }
    if (minBaselineMinutes < 1 || minBaselineMinutes > baselineMinutes) {
      throw new IllegalArgumentException(
          "minBaselineMinutes must be in [1, baselineMinutes=" + baselineMinutes + "], was " + minBaselineMinutes);
    }
    positive("errorRateFactor", errorRateFactor);
    if (!(minErrorRate > 0 && minErrorRate <= 1)) {
      throw new IllegalArgumentException("minErrorRate must be in (0, 1], was " + minErrorRate);
    }
    positive("latencyFactor", latencyFactor);
    if (minCalls < 1) {
      throw new IllegalArgumentException("minCalls must be at least 1, was " + minCalls);
    }
  }

  public static AnomalyConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, was " + value);
    }
  }

  /** Builds an {@link AnomalyConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private double sensitivity = 3;
    private double minCostRatio = 2;
    private int baselineMinutes = 30;
    private int minBaselineMinutes = 10;
    private double errorRateFactor = 3;
    private double minErrorRate = 0.1;
    private double latencyFactor = 2;
    private int minCalls = 20;

    private Builder() {}

    public Builder sensitivity(double sensitivity) {
      this.sensitivity = sensitivity;
      return this;
    }

    public Builder minCostRatio(double ratio) {
      this.minCostRatio = ratio;
      return this;
    }

    public Builder baselineMinutes(int minutes) {
      this.baselineMinutes = minutes;
      return this;
    }

    public Builder minBaselineMinutes(int minutes) {
      this.minBaselineMinutes = minutes;
      return this;
    }

    public Builder errorRateFactor(double factor) {
      this.errorRateFactor = factor;
      return this;
    }

    public Builder minErrorRate(double rate) {
      this.minErrorRate = rate;
      return this;
    }

    public Builder latencyFactor(double factor) {
      this.latencyFactor = factor;
      return this;
    }

    public Builder minCalls(int calls) {
      this.minCalls = calls;
      return this;
    }

    public AnomalyConfig build() {
      return new AnomalyConfig(sensitivity, minCostRatio, baselineMinutes, minBaselineMinutes, errorRateFactor,
          minErrorRate, latencyFactor, minCalls);
    }
  }
}
