package dev.aitrace.propagation;

import static dev.aitrace.internal.RequestedTraceId.isAllZero;
import static dev.aitrace.internal.RequestedTraceId.isLowerHex;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The W3C Trace Context {@code traceparent} header, parsed strictly and written as version {@code
 * 00}.
 *
 * <p>Parsing follows the specification (Level 2, "traceparent Header" and "Versioning of
 * traceparent"):
 *
 * <ul>
 *   <li>Leading and trailing optional white space (SP, HTAB) around the field value is ignored, as
 *       HTTP does; any other white space, CR or LF makes the value invalid.
 *   <li>The version is two lowercase hex digits; {@code ff} is invalid.
 *   <li>Version {@code 00} is exactly 55 characters: {@code 00-<32 hex>-<16 hex>-<2 hex>}.
 *   <li>A higher version is parsed from its first 55 characters, which must have the version 00
 *       layout; a longer value must continue with {@code '-'} at index 55.
 *   <li>All hex is lowercase; an all-zero trace id or parent id is invalid.
 *   <li>Only the flags this version defines are kept (sampled {@code 0x01}, random {@code 0x02});
 *       the others are set to zero, as the specification requires of a propagating vendor.
 * </ul>
 */
final class TraceParent {
  static final String NAME = "traceparent";
  private static final int LENGTH = 55;
  private static final int KNOWN_FLAGS = 0x03;

  private TraceParent() {}

  /** The remote span context in {@code value}, or {@link SpanContext#getInvalid()}. */
  static SpanContext parse(String value, TraceState traceState) {
    if (value == null) {
      return SpanContext.getInvalid();
    }
    String v = Ows.trim(value);
    if (v.length() < LENGTH
        || !isLowerHex(v, 0, 2)
        || v.startsWith("ff")
        || v.charAt(2) != '-'
        || v.charAt(35) != '-'
        || v.charAt(52) != '-'
        || !isLowerHex(v, 3, 35)
        || !isLowerHex(v, 36, 52)
        || !isLowerHex(v, 53, 55)
        || isAllZero(v, 3, 35)
        || isAllZero(v, 36, 52)) {
      return SpanContext.getInvalid();
    }
    boolean version00 = v.charAt(0) == '0' && v.charAt(1) == '0';
    if (v.length() > LENGTH && (version00 || v.charAt(LENGTH) != '-')) {
      return SpanContext.getInvalid();
    }
    int flags = Character.digit(v.charAt(53), 16) << 4 | Character.digit(v.charAt(54), 16);
    return SpanContext.createFromRemoteParent(
        v.substring(3, 35),
        v.substring(36, 52),
        TraceFlags.fromByte((byte) (flags & KNOWN_FLAGS)),
        traceState);
  }

  /** {@code 00-<trace id>-<span id>-<flags>} for a valid {@code context}. */
  static String format(SpanContext context) {
    int flags = context.getTraceFlags().asByte() & KNOWN_FLAGS;
    return new StringBuilder(LENGTH)
        .append("00-")
        .append(context.getTraceId())
        .append('-')
        .append(context.getSpanId())
        .append('-')
        .append(Character.forDigit(flags >> 4, 16))
        .append(Character.forDigit(flags & 0xf, 16))
        .toString();
  }
}
