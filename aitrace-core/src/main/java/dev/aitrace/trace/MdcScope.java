package dev.aitrace.trace;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Puts {@code trace_id} and {@code span_id} into the SLF4J MDC while a span is current, and puts
 * back whatever was there before when the scope closes. Closing scopes in reverse order unwinds the
 * MDC exactly; closing them out of order is tolerated: each close restores what was current when its
 * scope opened, exactly as OpenTelemetry's context storage does, so the MDC always agrees with
 * {@code Span.current()}.
 */
final class MdcScope implements Scope {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";

  private final Scope delegate;
  private final String previousTraceId;
  private final String previousSpanId;

  private MdcScope(Scope delegate, String previousTraceId, String previousSpanId) {
    this.delegate = delegate;
    this.previousTraceId = previousTraceId;
    this.previousSpanId = previousSpanId;
  }

  static Scope open(Scope delegate, SpanContext context) {
    try {
      String previousTrace = MDC.get(TRACE_ID);
      String previousSpan = MDC.get(SPAN_ID);
      MDC.put(TRACE_ID, context.getTraceId());
      MDC.put(SPAN_ID, context.getSpanId());
      return new MdcScope(delegate, previousTrace, previousSpan);
    } catch (RuntimeException e) {
      dev.aitrace.internal.SelfLog.fault("MDC.put", e);
      return delegate;
    }
  }

  @Override
  public void close() {
    try {
      restore(TRACE_ID, previousTraceId);
      restore(SPAN_ID, previousSpanId);
    } catch (RuntimeException e) {
      dev.aitrace.internal.SelfLog.fault("MDC.restore", e);
    }
    delegate.close();
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
