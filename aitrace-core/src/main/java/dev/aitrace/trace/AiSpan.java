package dev.aitrace.trace;

import dev.aitrace.export.EventRecord;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A recording span. While live it is mutated under its own lock; {@link #end()} freezes it, and from
 * then on it is the immutable {@link SpanRecord} handed to processors and exporters, with no copy
 * (the reading side is {@link RecordedSpan}).
 *
 * <p>Lenient by design: a null key or value is ignored, a null or blank name becomes {@code
 * "unnamed"}, changes after {@code end()} and a second {@code end()} are ignored. None of them
 * throws.
 */
final class AiSpan extends RecordedSpan implements Span {
  static final String UNNAMED = "unnamed";

  AiSpan(AiTracer tracer, SpanContext context, SpanContext parent, String name, SpanKind kind,
      long epochOffsetNanos, long startEpochNanos, Object[] attributes, int attributeCount, SpanExtras extras) {
    super(tracer, context, parent, name, kind, epochOffsetNanos, startEpochNanos, attributes, attributeCount, extras);
  }

  /** Now, on this trace's time base. */
  private long nowEpochNanos() {
    return epochOffsetNanos + System.nanoTime();
  }

  // ---- Span (mutation) ----

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key == null || value == null || key.getKey().isEmpty()) {
      return this;
    }
    synchronized (this) {
      if (ended) {
        return this;
      }
      putAttribute(key, value);
    }
    return this;
  }

  /** Sets or replaces one attribute; caller holds the lock or owns the span exclusively. */
  void putAttribute(AttributeKey<?> key, Object value) {
    TracerState state = tracer.state;
    int maxLength = state.limits.maxAttributeValueLength();
    Object[] kv = attributes;
    for (int i = 0; i < attributeCount; i++) {
      if (FlatAttributes.sameKey(key, kv[2 * i])) {
        kv[2 * i + 1] = AttributeLimiter.limit(key, value, maxLength, state);
        return;
      }
    }
    if (attributeCount >= state.limits.maxAttributes()) {
      droppedAttributes++;
      state.droppedAttributes.increment();
      return;
    }
    Object limited = AttributeLimiter.limit(key, value, maxLength, state);
    if (2 * attributeCount + 1 >= kv.length) {
      int grown = Math.min(Math.max(16, kv.length * 2), 2 * state.limits.maxAttributes());
      attributes = kv = Arrays.copyOf(kv, grown);
    }
    kv[2 * attributeCount] = key;
    kv[2 * attributeCount + 1] = limited;
    attributeCount++;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return addEventAt(name, attributes, nowEpochNanos());
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    if (unit == null) {
      return addEvent(name, attributes);
    }
    return addEventAt(name, attributes, unit.toNanos(timestamp));
  }

  private Span addEventAt(String name, Attributes attributes, long epochNanos) {
    if (name == null) {
      return this;
    }
    TracerState state = tracer.state;
    Attributes attrs = SpanExtras.limitEventAttributes(attributes == null ? Attributes.empty() : attributes, state);
    int dropped = (attributes == null ? 0 : attributes.size()) - attrs.size();
    EventRecord event = new EventRecord(name, epochNanos, attrs, dropped);
    synchronized (this) {
      if (ended) {
        return this;
      }
      if (extras == null) {
        extras = new SpanExtras();
      }
      extras.addEvent(event, state);
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode == null) {
      return this;
    }
    synchronized (this) {
      if (ended || status == StatusCode.OK) {
        return this; // OK is final, as the OpenTelemetry spec asks
      }
      status = statusCode;
      statusDescription = statusCode == StatusCode.ERROR && description != null ? description : "";
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception == null) {
      return this;
    }
    try {
      StringWriter trace = new StringWriter();
      exception.printStackTrace(new PrintWriter(trace));
      var builder =
          Attributes.builder()
              .put("exception.type", exception.getClass().getName())
              .put("exception.stacktrace", trace.toString());
      if (exception.getMessage() != null) {
        builder.put("exception.message", exception.getMessage());
      }
      if (additionalAttributes != null) {
        builder.putAll(additionalAttributes);
      }
      return addEvent("exception", builder.build());
    } catch (RuntimeException e) {
      SelfLog.fault("Span.recordException", e);
      return this;
    }
  }

  @Override
  public Span updateName(String name) {
    if (name == null || name.isBlank()) {
      return this;
    }
    synchronized (this) {
      if (!ended) {
        this.name = name;
      }
    }
    return this;
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    if (spanContext == null || !spanContext.isValid()) {
      return this;
    }
    synchronized (this) {
      if (ended) {
        return this;
      }
      if (extras == null) {
        extras = new SpanExtras();
      }
      extras.addLink(spanContext, attributes, tracer.state);
    }
    return this;
  }

  @Override
  public void end() {
    endAt(nowEpochNanos());
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    endAt(unit == null ? nowEpochNanos() : unit.toNanos(timestamp));
  }

  private void endAt(long epochNanos) {
    synchronized (this) {
      if (ended) {
        return; // ending twice is a no-op, as in OpenTelemetry
      }
      endEpochNanos = Math.max(epochNanos, startEpochNanos);
      if (extras != null) {
        extras.freeze();
      }
      ended = true;
    }
    try {
      tracer.state.processor.onEnd(this);
    } catch (Throwable t) {
      SelfLog.fault("Span.end", t);
    }
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return !ended;
  }

  @Override
  public Scope makeCurrent() {
    Scope scope = Context.current().with(this).makeCurrent();
    return tracer.state.logCorrelation ? MdcScope.open(scope, context) : scope;
  }
}
