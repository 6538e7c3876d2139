package dev.aitrace.guard;

/** Which limit of the {@link LoopGuard} a trace ran into. */
public enum LoopLimit {
  /** Too many AI calls in one trace. */
  CALLS_PER_TRACE("AI calls in one trace"),
  /** Agents nested too deep: an agent invoking agents invoking agents... */
  NESTING_DEPTH("agent nesting depth"),
  /** The same request (model and messages) sent too often within one trace. */
  REPEATED_REQUEST("identical requests in one trace");

  private final String description;

  LoopLimit(String description) {
    this.description = description;
  }

  /** A short phrase for messages, like {@code "AI calls in one trace"}. */
  public String description() {
    return description;
  }
}
