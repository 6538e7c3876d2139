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
      String traceId = context.getTraceId();
      String previousTrace = MDC.get(TRACE_ID);
      String previousSpan = MDC.get(SPAN_ID);
      if (!traceId.equals(previousTrace)) {
        MDC.put(TRACE_ID, traceId); // a child of the current span needs only its span id put
      }
      MDC.put(SPAN_ID, context.getSpanId());
      // Outside any span (a request's first scope) there is nothing to put back: a smaller scope.
      return previousTrace == null && previousSpan == null
          ? new Cleared(delegate) : new MdcScope(delegate, previousTrace, previousSpan);
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

  /** The scope of a span made current when the MDC held no trace ids: closing removes both keys. */
  private static final class Cleared implements Scope {
    private final Scope delegate;

    Cleared(Scope delegate) {
      this.delegate = delegate;
    }

    @Override
    public void close() {
      try {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
      } catch (RuntimeException e) {
        dev.aitrace.internal.SelfLog.fault("MDC.restore", e);
      }
      delegate.close();
    }
  }
}
