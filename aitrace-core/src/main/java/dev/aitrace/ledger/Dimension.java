package dev.aitrace.ledger;

import dev.aitrace.Attribution;

/** A way the {@link CostLedger} slices AI calls. */
public enum Dimension {
  USER(false),
  TASK(false),
  AGENT(true),
  MODEL(true),
  CATEGORY(false),
  TENANT(false);

  /** Every dimension, in order; shared, never to be written. */
  static final Dimension[] ALL = values();

  private final boolean percentiles;

  Dimension(boolean percentiles) {
    this.percentiles = percentiles;
  }

  /**
   * Whether slices of this dimension keep latency and time-to-first-chunk percentiles. Models and
   * agents do (latency depends on them, and there are few); users, tasks, categories and tenants keep
   * a mean latency only, so that tens of thousands of users cost kilobytes rather than gigabytes.
   */
  public boolean keepsPercentiles() {
    return percentiles;
  }

  /** This dimension's key for a call, or {@code absent} when the call's attribution names none. */
  String keyOf(AiCallRecord call, String absent) {
    Attribution a = call.attribution();
    // Each case unwraps its own Optional, so none of them outlives the call.
    return switch (this) {
      case USER -> a.userId().orElse(absent);
      case TASK -> a.taskId().orElse(absent);
      case AGENT -> a.agentName().orElse(absent);
      case MODEL -> call.model();
      case CATEGORY -> a.budgetCategory().orElse(absent);
      case TENANT -> a.tenant().orElse(absent);
    };
  }
}
