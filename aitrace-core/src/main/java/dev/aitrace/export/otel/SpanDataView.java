package dev.aitrace.export.otel;

import dev.aitrace.export.EventRecord;
import dev.aitrace.export.LinkRecord;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An aitrace {@link SpanRecord} seen as OpenTelemetry SDK {@link SpanData}. Identity, times and
 * attributes are read through from the record; events and links are converted once, when made.
 * Immutable, like the ended record it wraps.
 */
final class SpanDataView implements SpanData {
  private final SpanRecord span;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final List<EventData> events;
  private final List<LinkData> links;

  SpanDataView(SpanRecord span, Resource resource, InstrumentationScopeInfo scope) {
    this.span = span;
    this.resource = resource;
    this.scope = scope;
    this.events = events(span.events());
    this.links = links(span.links());
  }

  private static List<EventData> events(List<EventRecord> records) {
    if (records.isEmpty()) {
      return Collections.emptyList();
    }
    List<EventData> out = new ArrayList<>(records.size());
    for (EventRecord e : records) {
      out.add(EventData.create(
          e.epochNanos(), e.name(), e.attributes(), e.attributes().size() + e.droppedAttributesCount()));
    }
    return Collections.unmodifiableList(out);
  }

  private static List<LinkData> links(List<LinkRecord> records) {
    if (records.isEmpty()) {
      return Collections.emptyList();
    }
    List<LinkData> out = new ArrayList<>(records.size());
    for (LinkRecord l : records) {
      out.add(LinkData.create(l.spanContext(), l.attributes(), l.attributes().size()));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String getName() {
    return span.name();
  }

  @Override
  public SpanKind getKind() {
    return span.kind();
  }

  @Override
  public SpanContext getSpanContext() {
    return span.spanContext();
  }

  @Override
  public SpanContext getParentSpanContext() {
    return span.parentSpanContext();
  }

  @Override
  public StatusData getStatus() {
    return StatusData.create(span.statusCode(), span.statusDescription());
  }

  @Override
  public long getStartEpochNanos() {
    return span.startEpochNanos();
  }

  @Override
  public Attributes getAttributes() {
    return span.attributes();
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public long getEndEpochNanos() {
    return span.endEpochNanos();
  }

  @Override
  public boolean hasEnded() {
    return span.hasEnded();
  }

  @Override
  public int getTotalRecordedEvents() {
    return events.size() + span.droppedEventsCount();
  }

  @Override
  public int getTotalRecordedLinks() {
    return links.size() + span.droppedLinksCount();
  }

  @Override
  public int getTotalAttributeCount() {
    return span.attributes().size() + span.droppedAttributesCount();
  }

  @Override
  @SuppressWarnings("deprecation") // still abstract in SpanData; exporters written before scopes call it
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public String toString() {
    return "SpanDataView{name=" + span.name() + ", traceId=" + span.traceId() + ", spanId=" + span.spanId() + "}";
  }
}
