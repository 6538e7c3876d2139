package dev.aitrace.alert;

import static java.util.Objects.requireNonNull;

import dev.aitrace.ledger.AiCallObserver;
import dev.aitrace.ledger.AiCallRecord;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Watches cost per minute, error rate and p95 latency of AI calls against a rolling baseline of the
 * minutes before, and alerts when the current minute departs from it: a {@link
 * AlertType#COST_ANOMALY} when cost exceeds the baseline mean by {@code sensitivity} standard
 * deviations and by at least {@code minCostRatio} times; {@link AlertType#ERROR_RATE} and {@link
 * AlertType#LATENCY_DEGRADATION} when error rate or p95 latency reach their factors of the baseline
 * (the error rate only once at least 5 calls of the minute failed).
 * The current minute is judged as it fills, so a spike alerts within the minute it starts. Time comes
 * from the {@link Alerts}' clock. Thread-safe (one short lock per call).
 */
public final class AnomalyDetector implements AiCallObserver {
  private static final int MIN_ERRORS = 5;

  private final AnomalyConfig config;
  private final Alerts alerts;
  private final MinuteSeries series;
  private long baselineMinute = Long.MIN_VALUE;
  private Baseline baseline;

  /** The baseline of the minutes before one minute, computed once per minute. */
  private record Baseline(int minutes, double mean, double stddev, long calls, long errors, double p95Micros) {}

  private AnomalyDetector(AnomalyConfig config, Alerts alerts) {
    this.config = config;
    this.alerts = alerts;
    this.series = new MinuteSeries(config.baselineMinutes() + 1);
  }

  public static AnomalyDetector create(AnomalyConfig config, Alerts alerts) {
    return new AnomalyDetector(requireNonNull(config, "config"), requireNonNull(alerts, "alerts"));
  }

  @Override
  public void onAiCall(AiCallRecord call) {
    if (call.blocked()) {
      return;
    }
    long m = Math.floorDiv(alerts.clock().millis(), 60_000L);
    double usd = call.cost().usd().map(java.math.BigDecimal::doubleValue).orElse(0.0);
    double cost;
    long calls;
    long errors;
    double p95 = 0;
    Baseline b;
    synchronized (this) {
      series.add(m, usd, call.failed(), call.durationNanos() / 1000);
      b = baseline(m);
      cost = series.cost(m);
      calls = series.calls(m);
      errors = series.errors(m);
      if (b.minutes >= config.minBaselineMinutes() && calls >= config.minCalls()) {
        p95 = series.p95Micros(m);
      }
    }
    if (b.minutes < config.minBaselineMinutes()) {
      return;
    }
    if (b.mean > 0 && cost > b.mean + config.sensitivity() * b.stddev && cost >= b.mean * config.minCostRatio()) {
      alerts.fire(AlertType.COST_ANOMALY, "cost-anomaly",
          String.format(Locale.ROOT, "AI cost this minute is $%.4f, %.0f%% above the %d-minute baseline of $%.4f/min",
              cost, (cost / b.mean - 1) * 100, b.minutes, b.mean),
          Map.of("cost_usd_this_minute", fmt(cost), "baseline_mean_usd", fmt(b.mean),
              "baseline_stddev_usd", fmt(b.stddev), "baseline_minutes", Integer.toString(b.minutes)));
    }
    if (calls < config.minCalls()) {
      return;
    }
    double rate = (double) errors / calls;
    double baseRate = b.calls == 0 ? 0 : (double) b.errors / b.calls;
    // At least MIN_ERRORS failures, so that 2 failures out of 20 calls in a filling minute are not a trend.
    if (errors >= MIN_ERRORS && rate >= config.minErrorRate() && rate >= baseRate * config.errorRateFactor()) {
      alerts.fire(AlertType.ERROR_RATE, "error-rate",
          String.format(Locale.ROOT, "AI call error rate this minute is %.1f%% (baseline %.1f%%)", rate * 100, baseRate * 100),
          Map.of("error_rate", fmt(rate), "baseline_error_rate", fmt(baseRate), "calls", Long.toString(calls)));
    }
    if (b.calls >= config.minCalls() && b.p95Micros > 0 && p95 >= b.p95Micros * config.latencyFactor()) {
      alerts.fire(AlertType.LATENCY_DEGRADATION, "latency-p95",
          String.format(Locale.ROOT, "AI call p95 latency this minute is %.0f ms (baseline %.0f ms)",
              p95 / 1000, b.p95Micros / 1000),
          Map.of("p95_ms", fmt(p95 / 1000), "baseline_p95_ms", fmt(b.p95Micros / 1000), "calls", Long.toString(calls)));
    }
  }

  /** The baseline for minute {@code m}; guarded by this. */
  private Baseline baseline(long m) {
    if (baselineMinute == m) {
      return baseline;
    }
    int n = series.historyMinutes(m);
    double sum = 0;
    double squares = 0;
    long calls = 0;
    long errors = 0;
    IntCountsHistogram latency = new IntCountsHistogram(2);
    for (long past = m - n; past < m; past++) {
      double c = series.cost(past);
      sum += c;
      squares += c * c;
      calls += series.calls(past);
      errors += series.errors(past);
      series.addLatency(past, latency);
    }
    double mean = n == 0 ? 0 : sum / n;
    double variance = n == 0 ? 0 : Math.max(0, squares / n - mean * mean);
    double p95 = latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(95);
    baseline = new Baseline(n, mean, Math.sqrt(variance), calls, errors, p95);
    baselineMinute = m;
    return baseline;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
