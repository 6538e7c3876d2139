package dev.aitrace.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsTest {
  private final TestClock clock = TestClock.at("2026-03-03T09:00:00Z");
  private final InMemoryAlertListener memory = InMemoryAlertListener.create();

  @Test
  void eachCondition_alertsOncePerCooldown() {
    Alerts alerts = Alerts.create(memory, Duration.ofMinutes(10), clock);
    assertThat(alerts.fire(AlertType.COST_ANOMALY, "cost", "spike", Map.of())).isTrue();
    assertThat(alerts.fire(AlertType.COST_ANOMALY, "cost", "spike", Map.of())).isFalse();
    assertThat(alerts.fire(AlertType.ERROR_RATE, "errors", "errors", Map.of())).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(alerts.fire(AlertType.COST_ANOMALY, "cost", "spike", Map.of())).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(alerts.fire(AlertType.COST_ANOMALY, "cost", "spike again", Map.of("k", "v"))).isTrue();
    assertThat(memory.alerts()).extracting(Alert::message).containsExactly("spike", "errors", "spike again");
    assertThat(memory.alerts().get(2).details()).containsEntry("k", "v");
    assertThat(memory.alerts().get(2).at()).isEqualTo(clock.instant());
    assertThat(alerts.sentCount()).isEqualTo(3);
    assertThat(alerts.suppressedCount()).isEqualTo(2);
    assertThat(alerts.recent()).isEqualTo(memory.alerts());
  }

  @Test
  void aFailingListener_doesNotStopTheOthers_norTheCaller() {
    AlertListener failing = alert -> {
      throw new IllegalStateException("listener bug");
    };
    Alerts alerts = Alerts.create(AlertListener.composite(failing, memory, AlertListener.log()), Duration.ZERO, clock);
    assertThat(alerts.fire(AlertType.LOOP_DETECTED, "loop", "stopped", Map.of())).isTrue();
    assertThat(memory.alerts()).hasSize(1);
  }

  @Test
  void inMemoryListener_keepsTheMostRecent() {
    InMemoryAlertListener small = InMemoryAlertListener.create(2);
    Alerts alerts = Alerts.create(small, Duration.ZERO, clock);
    for (String c : List.of("a", "b", "c")) {
      alerts.fire(AlertType.ERROR_RATE, c, c, Map.of());
    }
    assertThat(small.alerts()).extracting(Alert::condition).containsExactly("b", "c");
    assertThatThrownBy(() -> InMemoryAlertListener.create(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> Alerts.create(memory, Duration.ofSeconds(-1), clock)).hasMessageContaining("PT-1S");
  }
}
