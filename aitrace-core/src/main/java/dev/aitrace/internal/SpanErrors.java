package dev.aitrace.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * Records an application's exception on a span the same way everywhere: an {@code exception} event,
 * status ERROR with the message, and {@code error.type} set to the exception's class name. Never
 * throws; a fault while recording is counted by {@link SelfLog}.
 */
public final class SpanErrors {
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private SpanErrors() {}

  /** Records {@code error} on {@code span}; {@code where} names the caller in a fault report. */
  public static void record(Span span, Throwable error, String where) {
    try {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
    } catch (Throwable t) {
      SelfLog.fault(where, t);
    }
  }
}
