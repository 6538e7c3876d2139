package dev.aitrace.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.Optional;

/**
 * A trace id asked for by an incoming request that carried no usable {@code traceparent}, only an
 * {@code X-Trace-ID}. It is not a parent (there is no parent span id): the next root span started in
 * a context holding it takes this trace id instead of a random one, so the trace a caller quoted is
 * the trace that gets recorded. The propagation package stores it; the span builder reads it.
 */
public final class RequestedTraceId {
  private static final ContextKey<String> KEY = ContextKey.named("aitrace-requested-trace-id");

  private RequestedTraceId() {}

  /**
   * {@code context} with {@code traceId} as the requested trace id; {@code context} itself when the id
   * is not 32 lowercase hex characters or is all zero.
   */
  public static Context with(Context context, String traceId) {
    return isValidTraceId(traceId) ? context.with(KEY, traceId) : context;
  }

  /** The requested trace id in {@code context}, if any. */
  public static Optional<String> get(Context context) {
    return Optional.ofNullable(context == null ? null : context.get(KEY));
  }

  /** True for exactly 32 lowercase hex characters that are not all zero, the W3C trace id format. */
  public static boolean isValidTraceId(CharSequence id) {
    return id != null && id.length() == 32 && isLowerHex(id, 0, 32) && !isAllZero(id, 0, 32);
  }

  /** True when {@code s[from, to)} are all lowercase hex digits. */
  public static boolean isLowerHex(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code s[from, to)} are all {@code '0'}. */
  public static boolean isAllZero(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
