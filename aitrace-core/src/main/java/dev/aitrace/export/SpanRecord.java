package dev.aitrace.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;

/**
 * A span as processors and exporters see it. Once {@link #hasEnded()} is true the record never
 * changes, so exporters may read it from any thread without locking. A {@link SpanProcessor} sees the
 * same object in {@code onStart}, while the span is still live; there only the identity, name, kind,
 * start time and start attributes are final.
 */
public interface SpanRecord {
  SpanContext spanContext();

  /** The parent's context; {@link SpanContext#getInvalid()} for a root span. */
  SpanContext parentSpanContext();

  default String traceId() {
    return spanContext().getTraceId();
  }

  default String spanId() {
    return spanContext().getSpanId();
  }

  /** The parent span id in hex, or the empty string for a root span. */
  default String parentSpanId() {
    SpanContext parent = parentSpanContext();
    return parent.isValid() ? parent.getSpanId() : "";
  }

  String name();

  SpanKind kind();

  long startEpochNanos();

  /** End time; 0 while the span is live. */
  long endEpochNanos();

  default long durationNanos() {
    return endEpochNanos() - startEpochNanos();
  }

  boolean hasEnded();

  Attributes attributes();

  /**
   * The value of one attribute, or null. Same as {@code attributes().get(key)}, but on a live span
   * (in {@link SpanProcessor#onStart}) it reads without taking a snapshot of all attributes.
   */
  default <T> T attribute(AttributeKey<T> key) {
    return attributes().get(key);
  }

  List<EventRecord> events();

  List<LinkRecord> links();

  StatusCode statusCode();

  /** The status description; empty unless the status is {@link StatusCode#ERROR}. */
  String statusDescription();

  /** The name of the instrumentation scope (the tracer's name). */
  String scopeName();

  /** The version of the instrumentation scope; empty when none was given. */
  String scopeVersion();

  /** Resource attributes of the process that recorded the span ({@code service.name} and more). */
  Attributes resource();

  /** Attributes that did not fit the span limits and were dropped. */
  int droppedAttributesCount();

  /** Events that did not fit the span limits and were dropped. */
  int droppedEventsCount();

  /** Links that did not fit the span limits and were dropped. */
  int droppedLinksCount();
}
