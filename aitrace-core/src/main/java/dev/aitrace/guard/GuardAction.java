package dev.aitrace.guard;

/** What a budget or loop guard does when its limit is reached. */
public enum GuardAction {
  /** Raise an alert and let the call through. */
  ALERT,
  /**
   * Raise an alert and stop the call before it leaves the process, with a subclass of {@link
   * dev.aitrace.AiTraceBlockedException}.
   */
  BLOCK
}
