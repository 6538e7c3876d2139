package dev.aitrace.openai;

import dev.aitrace.AiTrace;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace headers an AI call sends: whatever {@link AiTrace#propagator()} writes ({@code
 * traceparent}, {@code tracestate}, {@code baggage}), plus {@code X-Trace-ID} so that a server or a
 * proxy without W3C support can still log the trace id.
 */
final class OutgoingHeaders {
  static final String TRACE_ID_HEADER = "X-Trace-ID";
  static final String TRACEPARENT = "traceparent";

  private OutgoingHeaders() {}

  /** The headers for {@code context}; empty when there is nothing to propagate. Never throws. */
  static Map<String, String> of(AiTrace aiTrace, Context context) {
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      aiTrace.propagator().inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
      SpanContext span = Span.fromContext(context).getSpanContext();
      if (span.isValid() && !containsIgnoreCase(headers, TRACE_ID_HEADER)) {
        headers.put(TRACE_ID_HEADER, span.getTraceId());
      }
    } catch (Throwable t) {
      SelfLog.fault("openai.injectHeaders", t);
    }
    return headers;
  }

  /** The span id in a {@code traceparent} value, or null when the value is not one. */
  static String spanIdOf(String traceparent) {
    // version "-" 32 hex trace id "-" 16 hex span id "-" flags
    if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(35) != '-') {
      return null;
    }
    return traceparent.substring(36, 52);
  }

  private static boolean containsIgnoreCase(Map<String, String> headers, String name) {
    for (String key : headers.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
