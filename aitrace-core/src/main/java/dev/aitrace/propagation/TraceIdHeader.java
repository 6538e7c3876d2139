package dev.aitrace.propagation;

import dev.aitrace.internal.RequestedTraceId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * The {@code X-Trace-ID} header: the trace id a user can quote to support ("trace 4bf92f35…"), set
 * on responses and on every outgoing call, and accepted on incoming requests that carry no valid
 * {@code traceparent}. Its value is exactly 32 lowercase hex characters, not all zero; anything else
 * (another length, upper case, non-hex, CR/LF, a 10 KB value) is ignored. Thread-safe.
 *
 * <pre>{@code
 * TraceIdHeader.traceId(Context.current())
 *     .ifPresent(id -> response.setHeader(TraceIdHeader.NAME, id));
 * }</pre>
 */
public final class TraceIdHeader {
  /** The header name. HTTP header names are case-insensitive; carriers that are not should use it as is. */
  public static final String NAME = "X-Trace-ID";

  private TraceIdHeader() {}

  /**
   * The trace id in a header value, if it is valid. Optional white space (SP, HTAB) around the value
   * is ignored, as HTTP does.
   */
  public static Optional<String> parse(String value) {
    if (value == null || value.length() > 64) {
      return Optional.empty();
    }
    String id = Ows.trim(value);
    return RequestedTraceId.isValidTraceId(id) ? Optional.of(id) : Optional.empty();
  }

  /** True when {@code value} is a valid header value (see {@link #parse}). */
  public static boolean isValid(String value) {
    return parse(value).isPresent();
  }

  /**
   * The id to quote for {@code context}: the trace id of its span when it has a valid one, else the
   * trace id an incoming {@code X-Trace-ID} asked for and no span has used yet.
   */
  public static Optional<String> traceId(Context context) {
    if (context == null) {
      return Optional.empty();
    }
    SpanContext span = Span.fromContext(context).getSpanContext();
    return span.isValid() ? Optional.of(span.getTraceId()) : RequestedTraceId.get(context);
  }
}
