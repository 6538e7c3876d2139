package dev.aitrace.alert;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Receives alerts: log them, post them to a webhook, keep them for a dashboard or a test. Called on
 * the thread whose AI call raised the alert, after deduplication; implementations must be thread-safe
 * and must not block (hand slow work to a background thread, as {@link WebhookAlertListener} does).
 * Whatever they throw is counted and absorbed.
 *
 * <pre>{@code
 * AiTrace.builder()
 *     .addAlertListener(AlertListener.log())
 *     .addAlertListener(WebhookAlertListener.builder("https://hooks.example.com/ai-spend").build())
 *     ...
 * }</pre>
 */
@FunctionalInterface
public interface AlertListener {
  void onAlert(Alert alert);

  /** Releases resources (a webhook's sender thread). Called once, when the {@code AiTrace} closes. */
  default void close() {}

  /** A listener that ignores every alert. */
  static AlertListener noop() {
    return alert -> {};
  }

  /** Logs each alert as a warning through SLF4J, logger {@code dev.aitrace.alert}. */
  static AlertListener log() {
    return LogAlertListener.INSTANCE;
  }

  /** Tells each of {@code listeners} in order; one that throws does not stop the next. */
  static AlertListener composite(List<? extends AlertListener> listeners) {
    return new CompositeAlertListener(List.copyOf(requireNonNull(listeners, "listeners")));
  }

  /** Tells each of {@code listeners} in order. */
  static AlertListener composite(AlertListener... listeners) {
    return composite(List.of(listeners));
  }
}
