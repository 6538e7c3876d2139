package dev.aitrace.alert;

/** What an {@link Alert} is about. */
public enum AlertType {
  /** Spending crossed a budget threshold (80%, 95%, 100% by default). */
  BUDGET_THRESHOLD,
  /** A blocking budget refused a call. */
  BUDGET_BLOCKED,
  /** A trace ran past a loop-guard limit: too many calls, too deep, or the same request repeated. */
  LOOP_DETECTED,
  /** Cost per minute far above its rolling baseline. */
  COST_ANOMALY,
  /** The share of failed AI calls rose well above its baseline. */
  ERROR_RATE,
  /** The p95 latency of AI calls rose well above its baseline. */
  LATENCY_DEGRADATION
}
