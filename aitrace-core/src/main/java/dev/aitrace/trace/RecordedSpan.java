package dev.aitrace.trace;

import dev.aitrace.export.EventRecord;
import dev.aitrace.export.LinkRecord;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a span holds, and the read-only {@link SpanRecord} side of it: the state {@link AiSpan}
 * mutates while live and freezes when it ends, read by processors and exporters with no copy. A base
 * class rather than a separate object, so a span is still one allocation.
 *
 * <p>Until {@link #ended} is set the fields below it are guarded by the span's lock and readers take
 * it (or a copy); once ended they never change, and reads take no lock.
 */
abstract sealed class RecordedSpan implements SpanRecord permits AiSpan {
  final AiTracer tracer;
  final SpanContext context;
  final SpanContext parent;
  final SpanKind kind;
  // The time base, tied once per local root span and shared by its descendants: the wall clock read
  // at the root's start minus System.nanoTime() at that moment, so that now is System.nanoTime() plus
  // this offset (wrapping arithmetic keeps it exact). All spans of one trace in this process thus have
  // exact durations, and a clock step mid-trace cannot make a child end before it starts.
  final long epochOffsetNanos;
  final long startEpochNanos;

  String name;
  Object[] attributes;
  int attributeCount;
  int droppedAttributes;
  SpanExtras extras; // events and links; null while there are none
  StatusCode status = StatusCode.UNSET;
  String statusDescription = "";
  long endEpochNanos;
  volatile boolean ended;
  // Made on the first read after the end, by whichever thread reads first: an exporter that never
  // reads attributes, or reads single ones, costs the span no view object.
  private Attributes frozenAttributes;

  RecordedSpan(AiTracer tracer, SpanContext context, SpanContext parent, String name, SpanKind kind,
      long epochOffsetNanos, long startEpochNanos, Object[] attributes, int attributeCount, SpanExtras extras) {
    this.tracer = tracer;
    this.context = context;
    this.parent = parent;
    this.name = name;
    this.kind = kind;
    this.epochOffsetNanos = epochOffsetNanos;
    this.startEpochNanos = startEpochNanos;
    this.attributes = attributes;
    this.attributeCount = attributeCount;
    this.extras = extras;
  }

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
      Attributes frozen = frozenAttributes;
      if (frozen == null) {
        // FlatAttributes has final fields only, so a racing reader sees a complete view either way.
        frozen = attributeCount == 0 ? Attributes.empty() : new FlatAttributes(attributes, attributeCount);
        frozenAttributes = frozen;
      }
      return frozen;
    }
    synchronized (this) {
      return new FlatAttributes(Arrays.copyOf(attributes, 2 * attributeCount), attributeCount);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T attribute(AttributeKey<T> key) {
    if (key == null) {
      return null;
    }
    if (ended) {
      return find(key);
    }
    synchronized (this) {
      return find(key);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T find(AttributeKey<T> key) {
    Object[] kv = attributes;
    for (int i = 0; i < attributeCount; i++) {
      if (FlatAttributes.sameKey(key, kv[2 * i])) {
        return (T) kv[2 * i + 1];
      }
    }
    return null;
  }

  @Override
  public List<EventRecord> events() {
    if (ended) {
      return extras == null ? Collections.emptyList() : extras.events();
    }
    synchronized (this) {
      return extras == null ? Collections.emptyList() : List.copyOf(extras.events());
    }
  }

  @Override
  public List<LinkRecord> links() {
    if (ended) {
      return extras == null ? Collections.emptyList() : extras.links();
    }
    synchronized (this) {
      return extras == null ? Collections.emptyList() : List.copyOf(extras.links());
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
    return tracer.state.resource;
  }

  @Override
  public int droppedAttributesCount() {
    return droppedAttributes;
  }

  @Override
  public int droppedEventsCount() {
    return extras == null ? 0 : extras.droppedEvents();
  }

  @Override
  public int droppedLinksCount() {
    return extras == null ? 0 : extras.droppedLinks();
  }

  @Override
  public String toString() {
    return "AiSpan{name=" + name + ", traceId=" + context.getTraceId() + ", spanId=" + context.getSpanId()
        + ", parentSpanId=" + parentSpanId() + ", kind=" + kind + ", ended=" + ended + "}";
  }
}
