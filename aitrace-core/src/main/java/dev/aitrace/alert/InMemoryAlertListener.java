package dev.aitrace.alert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the most recent alerts in memory, for a dashboard or a test. Holds at most {@code capacity}
 * alerts, dropping the oldest. Thread-safe.
 *
 * <pre>{@code
 * InMemoryAlertListener alerts = InMemoryAlertListener.create();
 * AiTrace aiTrace = AiTrace.builder().addAlertListener(alerts).build();
 * ...
 * assertThat(alerts.alerts()).extracting(Alert::type).contains(AlertType.LOOP_DETECTED);
 * }</pre>
 */
public final class InMemoryAlertListener implements AlertListener {
  private final int capacity;
  private final Deque<Alert> alerts = new ArrayDeque<>();

  private InMemoryAlertListener(int capacity) {
    this.capacity = capacity;
  }

  /** Keeps the last 1,000 alerts. */
  public static InMemoryAlertListener create() {
    return create(1_000);
  }

  public static InMemoryAlertListener create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    return new InMemoryAlertListener(capacity);
  }

  @Override
  public synchronized void onAlert(Alert alert) {
    if (alerts.size() == capacity) {
      alerts.removeFirst();
    }
    alerts.addLast(alert);
  }

  /** The alerts kept, oldest first. */
  public synchronized List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  /** The alerts of one type, oldest first. */
  public synchronized List<Alert> alerts(AlertType type) {
    return alerts.stream().filter(a -> a.type() == type).toList();
  }

  public synchronized void clear() {
    alerts.clear();
  }
}
