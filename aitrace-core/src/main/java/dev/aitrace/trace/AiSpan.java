package dev.aitrace.trace;

import dev.aitrace.export.EventRecord;
import dev.aitrace.export.LinkRecord;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A recording span. While live it is mutated under its own lock; {@link #end()} freezes it, and from
 * then on it is the immutable {@link SpanRecord} handed to processors and exporters, with no copy.
 *
 * <p>Lenient by design: a null key or value is ignored, a null or blank name becomes {@code
 * "unnamed"}, changes after {@code end()} and a second {@code end()} are ignored. None of them
 * throws.
 */
final class AiSpan implements Span, SpanRecord {
  static final String UNNAMED = "unnamed";

  private final AiTracer tracer;
  private final TracerState state;
  private final SpanContext context;
  private final SpanContext parent;
  private final SpanKind kind;
  // The time base, tied once per local root span and shared by its descendants: the wall clock read
  // at the root's start against System.nanoTime() at that moment. All spans of one trace in this
  // process thus have exact durations, and a clock step mid-trace cannot make a child end before it
  // starts. Two longs rather than an object, so a root span costs no extra allocation.
  private final long anchorEpochNanos;
  private final long anchorNanoTime;
  private final long startEpochNanos;

  // Guarded by this until ended; immutable afterwards.
  private String name;
  private Object[] attributes;
  private int attributeCount;
  private int droppedAttributes;
  private List<EventRecord> events = Collections.emptyList();
  private int droppedEvents;
  private List<LinkRecord> links;
  private int droppedLinks;
  private StatusCode status = StatusCode.UNSET;
  private String statusDescription = "";
  private long endEpochNanos;
  private volatile boolean ended;
  private Attributes frozenAttributes;

  AiSpan(
      AiTracer tracer,
      SpanContext context,
      SpanContext parent,
      String name,
      SpanKind kind,
      long anchorEpochNanos,
      long anchorNanoTime,
      long startEpochNanos,
      Object[] attributes,
      int attributeCount,
      List<LinkRecord> links,
      int droppedLinks) {
    this.tracer = tracer;
    this.state = tracer.state;
    this.context = context;
    this.parent = parent;
    this.name = name;
    this.kind = kind;
    this.anchorEpochNanos = anchorEpochNanos;
    this.anchorNanoTime = anchorNanoTime;
    this.startEpochNanos = startEpochNanos;
    this.attributes = attributes;
    this.attributeCount = attributeCount;
    this.links = links;
    this.droppedLinks = droppedLinks;
  }

  long anchorEpochNanos() {
    return anchorEpochNanos;
  }

  long anchorNanoTime() {
    return anchorNanoTime;
  }

  /** Now, on this trace's time base. */
  private long nowEpochNanos() {
    return anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
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
    Attributes attrs = limitEventAttributes(attributes == null ? Attributes.empty() : attributes);
    int dropped = (attributes == null ? 0 : attributes.size()) - attrs.size();
    synchronized (this) {
      if (ended) {
        return this;
      }
      if (events.size() >= state.limits.maxEvents()) {
        droppedEvents++;
        state.droppedEvents.increment();
        return this;
      }
      if (events.isEmpty()) {
        events = new ArrayList<>(4);
      }
      events.add(new EventRecord(name, epochNanos, attrs, dropped));
    }
    return this;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Attributes limitEventAttributes(Attributes attributes) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    int max = state.limits.maxAttributesPerEvent();
    int maxLength = state.limits.maxAttributeValueLength();
    Object[] kv = new Object[Math.min(attributes.size(), max) * 2];
    int[] count = {0};
    attributes.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            return;
          }
          if (count[0] >= max) {
            state.droppedAttributes.increment();
            return;
          }
          kv[2 * count[0]] = k;
          kv[2 * count[0] + 1] = AttributeLimiter.limit(k, v, maxLength, state);
          count[0]++;
        });
    return new FlatAttributes(kv, count[0]);
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
      if (links.size() >= state.limits.maxLinks()) {
        droppedLinks++;
        state.droppedLinks.increment();
        return this;
      }
      if (links.isEmpty()) {
        links = new ArrayList<>(2);
      }
      links.add(new LinkRecord(spanContext, attributes == null ? Attributes.empty() : attributes));
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
      frozenAttributes = attributeCount == 0 ? Attributes.empty() : new FlatAttributes(attributes, attributeCount);
      if (!events.isEmpty()) {
        events = Collections.unmodifiableList(events);
      }
      if (!links.isEmpty()) {
        links = Collections.unmodifiableList(links);
      }
      ended = true;
    }
    try {
      state.processor.onEnd(this);
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
    return state.logCorrelation ? MdcScope.open(scope, context) : scope;
  }

  // ---- SpanRecord (reading) ----

  @Override
  public SpanContext spanContext() {
    return context;
  }

  @Override
  public SpanContext parentSpanContext() {
    return parent;
  }

  @Override
  public String name() {
    if (ended) {
      return name;
    }
    synchronized (this) {
      return name;
    }
  }

  @Override
  public SpanKind kind() {
    return kind;
  }

  @Override
  public long startEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public long endEpochNanos() {
    return ended ? endEpochNanos : 0;
  }

  @Override
  public boolean hasEnded() {
    return ended;
  }

  @Override
  public Attributes attributes() {
    if (ended) {
      return frozenAttributes;
    }
    synchronized (this) {
      return new FlatAttributes(Arrays.copyOf(attributes, 2 * attributeCount), attributeCount);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T attribute(AttributeKey<T> key) {
    if (ended) {
      return frozenAttributes.get(key);
    }
    if (key == null) {
      return null;
    }
    synchronized (this) {
      for (int i = 0; i < attributeCount; i++) {
        if (FlatAttributes.sameKey(key, attributes[2 * i])) {
          return (T) attributes[2 * i + 1];
        }
      }
      return null;
    }
  }

  @Override
  public List<EventRecord> events() {
    if (ended) {
      return events;
    }
    synchronized (this) {
      return List.copyOf(events);
    }
  }

  @Override
  public List<LinkRecord> links() {
    if (ended) {
      return links;
    }
    synchronized (this) {
      return List.copyOf(links);
    }
  }

  @Override
  public StatusCode statusCode() {
    if (ended) {
      return status;
    }
    synchronized (this) {
      return status;
    }
  }

  @Override
  public String statusDescription() {
    if (ended) {
      return statusDescription;
    }
    synchronized (this) {
      return statusDescription;
    }
  }

  @Override
  public String scopeName() {
    return tracer.scopeName;
  }

  @Override
  public String scopeVersion() {
    return tracer.scopeVersion;
  }

  @Override
  public Attributes resource() {
    return state.resource;
  }

  @Override
  public int droppedAttributesCount() {
    return droppedAttributes;
  }

  @Override
  public int droppedEventsCount() {
    return droppedEvents;
  }

  @Override
  public int droppedLinksCount() {
    return droppedLinks;
  }

  @Override
  public String toString() {
    return "AiSpan{name=" + name + ", traceId=" + context.getTraceId() + ", spanId=" + context.getSpanId()
        + ", parentSpanId=" + parentSpanId() + ", kind=" + kind + ", ended=" + ended + "}";
  }
}
