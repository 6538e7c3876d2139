package dev.aitrace.trace;

import io.opentelemetry.api.internal.ImmutableSpanContext;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Creates the {@link SpanContext} of a new local span. The ids were generated here, so they are
 * valid hex by construction; re-checking every character, as {@link SpanContext#create} does, is
 * pure cost on every span. The OpenTelemetry SDK skips that check through the same API-internal
 * factory used here; should an OpenTelemetry API version lack it, the public factory is used.
 */
final class SpanContexts {
  private static final boolean SKIP_VALIDATION = probe();

  private SpanContexts() {}

  static SpanContext create(String traceId, String spanId, TraceFlags flags, TraceState traceState) {
    if (SKIP_VALIDATION) {
      return ImmutableSpanContext.create(traceId, spanId, flags, traceState, false, true);
    }
    return SpanContext.create(traceId, spanId, flags, traceState);
  }

  private static boolean probe() {
    try {
      SpanContext probe = ImmutableSpanContext.create(
          "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
          TraceFlags.getSampled(), TraceState.getDefault(), false, true);
      return probe.isValid();
    } catch (LinkageError e) {
      return false;
    }
  }
}
