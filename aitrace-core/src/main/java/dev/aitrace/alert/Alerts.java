package dev.aitrace.alert;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Raises alerts for budgets, loop guards and anomaly detection, and sends each condition at most once
 * per cool-down (default 10 minutes) to the {@link AlertListener}: a spent budget checked by a
 * thousand refused calls makes one alert, not a thousand. Thread-safe.
 */
public final class Alerts {
  private static final int MAX_CONDITIONS = 50_000;

  private static final int RECENT = 100;

  private final AlertListener listener;
  private final InMemoryAlertListener recent = InMemoryAlertListener.create(RECENT);
  private final long cooldownMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Long> lastSent = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder suppressed = new LongAdder();

  private Alerts(AlertListener listener, Duration cooldown, Clock clock) {
    this.listener = listener;
    this.cooldownMillis = cooldown.toMillis();
    this.clock = clock;
  }

  /**
   * @param listener where alerts go
   * @param cooldown how long the same condition stays quiet after it alerted
   * @param clock the time of alerts and cool-downs
   */
  public static Alerts create(AlertListener listener, Duration cooldown, Clock clock) {
    requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
    }
    return new Alerts(requireNonNull(listener, "listener"), cooldown, requireNonNull(clock, "clock"));
  }

  /** Alerts that go nowhere, for components used on their own. */
  public static Alerts none() {
    return create(AlertListener.noop(), Duration.ZERO, Clock.systemUTC());
  }

  /**
   * Sends an alert unless the same {@code condition} was sent within the cool-down.
   *
   * @return whether it was sent
   */
  public boolean fire(AlertType type, String condition, String message, Map<String, String> details) {
    long now = clock.millis();
    boolean[] fresh = {false};
    lastSent.compute(condition, (k, last) -> {
      if (last == null || now - last >= cooldownMillis || now < last) {
        fresh[0] = true;
        return now;
      }
      return last;
    });
    if (!fresh[0]) {
      suppressed.increment();
      return false;
    }
    if (lastSent.size() > MAX_CONDITIONS) {
      lastSent.values().removeIf(last -> now - last >= cooldownMillis);
    }
    sent.increment();
    Alert alert = new Alert(type, condition, message, details, clock.instant());
    recent.onAlert(alert);
    try {
      listener.onAlert(alert);
    } catch (Throwable t) {
      SelfLog.fault("AlertListener.onAlert", t);
    }
    return true;
  }

  /** The last 100 alerts sent, oldest first: what a dashboard shows. */
  public java.util.List<Alert> recent() {
    return recent.alerts();
  }

  /** Alerts sent to the listener so far. */
  public long sentCount() {
    return sent.sum();
  }

  /** Alerts held back because their condition had alerted within the cool-down. */
  public long suppressedCount() {
    return suppressed.sum();
  }

  /** Closes the listener. */
  public void close() {
    try {
      listener.close();
    } catch (Throwable t) {
      SelfLog.fault("AlertListener.close", t);
    }
  }

  public Clock clock() {
    return clock;
  }
}
