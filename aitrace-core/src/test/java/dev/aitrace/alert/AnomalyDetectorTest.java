package dev.aitrace.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.Attribution;
import dev.aitrace.cost.CostEstimate;
import dev.aitrace.cost.TokenUsage;
import dev.aitrace.ledger.AiCallRecord;
import dev.aitrace.testing.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  private final TestClock clock = TestClock.at("2026-03-03T09:00:00Z");
  private final InMemoryAlertListener alerts = InMemoryAlertListener.create();
  private final Random random = new Random(42);

  private AnomalyDetector detector(AnomalyConfig config) {
    return AnomalyDetector.create(config, Alerts.create(alerts, Duration.ofMinutes(10), clock));
  }

  private static AiCallRecord call(BigDecimal usd, long latencyMillis, boolean failed) {
    return new AiCallRecord("0af7651916cd43dd8448eb211c80319c", "chat", "openai", "gpt-4o", "gpt-4o",
        Attribution.empty(), TokenUsage.of(100, 100), CostEstimate.known("gpt-4o", usd),
        latencyMillis * 1_000_000, -1, failed ? "APIConnectionError" : "", "", AiCallRecord.RateLimit.NONE, 0);
  }

  /** One minute of traffic: {@code calls} calls spread over the minute, costing {@code usdPerMinute} in all. */
  private void minute(AnomalyDetector d, int calls, double usdPerMinute, long latencyMillis, double errorRate) {
    BigDecimal each = BigDecimal.valueOf(usdPerMinute / calls);
    for (int i = 0; i < calls; i++) {
      d.onAiCall(call(each, latencyMillis + random.nextInt(20), random.nextDouble() < errorRate));
      clock.advance(Duration.ofMillis(60_000 / calls));
    }
  }

  /** Cost per minute around $1, with ±20% noise. */
  private double noisyDollar() {
    return 1.0 + (random.nextDouble() - 0.5) * 0.4;
  }

  @Test
  void steadyNoise_staysQuiet_andA300PercentSpike_alertsWithinTheMinute() {
    AnomalyDetector d = detector(AnomalyConfig.defaults());
    for (int m = 0; m < 120; m++) {
      minute(d, 30, noisyDollar(), 800, 0.01);
    }
    assertThat(alerts.alerts()).isEmpty();

    // the recursive loop: cost per minute up 300%, to four times the baseline
    for (int i = 0; i < 120; i++) {
      d.onAiCall(call(new BigDecimal("0.0333"), 800, false));
      clock.advance(Duration.ofMillis(500));
    }
    assertThat(alerts.alerts(AlertType.COST_ANOMALY)).hasSize(1); // deduplicated within the cool-down
    Alert alert = alerts.alerts(AlertType.COST_ANOMALY).get(0);
    assertThat(alert.at()).isBefore(clock.instant());
    assertThat(alert.message()).contains("above the 30-minute baseline");
    assertThat(Double.parseDouble(alert.details().get("baseline_mean_usd"))).isBetween(0.9, 1.1);
  }

  @Test
  void sensitivity_isConfigurable() {
    AnomalyDetector lenient = detector(AnomalyConfig.builder().sensitivity(20).build());
    for (int m = 0; m < 40; m++) {
      minute(lenient, 30, noisyDollar(), 800, 0);
    }
    minute(lenient, 30, 2.5, 800, 0); // +150%: more than 20 standard deviations? no
    assertThat(alerts.alerts(AlertType.COST_ANOMALY)).isEmpty();

    AnomalyDetector strict = detector(AnomalyConfig.defaults());
    for (int m = 0; m < 40; m++) {
      minute(strict, 30, noisyDollar(), 800, 0);
    }
    minute(strict, 30, 2.5, 800, 0);
    assertThat(alerts.alerts(AlertType.COST_ANOMALY)).hasSize(1);
  }

  @Test
  void nothingAlerts_beforeThereIsABaseline() {
    AnomalyDetector d = detector(AnomalyConfig.defaults());
    minute(d, 30, 1, 800, 0);
    minute(d, 30, 50, 8_000, 0.9);
    assertThat(alerts.alerts()).isEmpty();
  }

  @Test
  void errorRateAndLatencyDegradation_alert() {
    AnomalyDetector d = detector(AnomalyConfig.defaults());
    for (int m = 0; m < 30; m++) {
      minute(d, 40, noisyDollar(), 800, 0.02);
    }
    assertThat(alerts.alerts()).isEmpty();
    minute(d, 40, 1, 2_400, 0.5);
    assertThat(alerts.alerts(AlertType.ERROR_RATE)).hasSize(1);
    assertThat(alerts.alerts(AlertType.LATENCY_DEGRADATION)).hasSize(1);
    assertThat(Double.parseDouble(alerts.alerts(AlertType.LATENCY_DEGRADATION).get(0).details().get("p95_ms")))
        .isGreaterThan(1_600);
    assertThat(alerts.alerts(AlertType.COST_ANOMALY)).isEmpty();
  }
}
