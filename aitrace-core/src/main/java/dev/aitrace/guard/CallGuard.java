package dev.aitrace.guard;

import io.opentelemetry.context.Context;

/**
 * Asked before every AI call leaves the process. A guard that the application configured to block
 * throws a subclass of {@link dev.aitrace.AiTraceBlockedException}; the instrumentation lets that
 * one exception through to the caller, records the blocked call as a span, and sends nothing.
 * Implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface CallGuard {
  /**
   * Checks {@code call} in {@code context} (the caller's trace and attribution).
   *
   * @throws dev.aitrace.AiTraceBlockedException when a blocking budget or loop guard says no
   */
  void beforeAiCall(Context context, AiCall call);

  /** A guard that allows everything. */
  static CallGuard noop() {
    return (context, call) -> {};
  }

  /**
   * Asks each of {@code guards} in order; the first to block stops the call. A guard that throws
   * anything else is counted and skipped, so a faulty guard never breaks the application.
   */
  static CallGuard composite(java.util.List<? extends CallGuard> guards) {
    java.util.List<CallGuard> list = java.util.List.copyOf(guards);
    return list.size() == 1 ? list.get(0) : new CompositeCallGuard(list);
  }
}
