package dev.aitrace.ledger;

/**
 * Told about every finished AI call, once, after the {@link CostLedger} has read and priced it:
 * budgets, anomaly detection and metrics are observers. Called on the thread that ended the span;
 * implementations must be thread-safe, fast and must not block. Whatever they throw is counted and
 * absorbed.
 */
@FunctionalInterface
public interface AiCallObserver {
  void onAiCall(AiCallRecord call);
}
