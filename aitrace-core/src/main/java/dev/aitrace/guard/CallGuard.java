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
}
