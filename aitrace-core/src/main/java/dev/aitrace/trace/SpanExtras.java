package dev.aitrace.trace;

import dev.aitrace.export.EventRecord;
import dev.aitrace.export.LinkRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The events and links of one span, within the span limits. Most spans have neither, so a span (or
 * its builder) creates this only for its first event or link, and the common span carries one null
 * reference instead of four fields. Guarded by the owning span's lock while the span is live; {@link
 * #freeze()} makes it read-only when the span ends.
 */
final class SpanExtras {
  private List<EventRecord> events = Collections.emptyList();
  private int droppedEvents;
  private List<LinkRecord> links = Collections.emptyList();
  private int droppedLinks;

  List<EventRecord> events() {
    return events;
  }

  int droppedEvents() {
    return droppedEvents;
  }

  List<LinkRecord> links() {
    return links;
  }

  int droppedLinks() {
    return droppedLinks;
  }

  /** Adds a link, or counts it as dropped past the limit; {@code spanContext} is valid. */
  void addLink(SpanContext spanContext, Attributes attributes, TracerState state) {
    if (links.size() >= state.limits.maxLinks()) {
      droppedLinks++;
      state.droppedLinks.increment();
      return;
    }
    if (links.isEmpty()) {
      links = new ArrayList<>(2);
    }
    links.add(new LinkRecord(spanContext, attributes == null ? Attributes.empty() : attributes));
  }

  /** Adds an event whose attributes are already limited, or counts it as dropped past the limit. */
  void addEvent(EventRecord event, TracerState state) {
    if (events.size() >= state.limits.maxEvents()) {
      droppedEvents++;
      state.droppedEvents.increment();
      return;
    }
    if (events.isEmpty()) {
      events = new ArrayList<>(4);
    }
    events.add(event);
  }

  /** Makes the lists read-only; called once, as the span ends. */
  void freeze() {
    if (!events.isEmpty()) {
      events = Collections.unmodifiableList(events);
    }
    if (!links.isEmpty()) {
      links = Collections.unmodifiableList(links);
    }
  }

  /**
   * {@code attributes} within the per-event limits: at most {@code maxAttributesPerEvent} entries,
   * each value cut to the value-length limit. Null keys and values are skipped.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Attributes limitEventAttributes(Attributes attributes, TracerState state) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    int max = state.limits.maxAttributesPerEvent();
    int maxLength = state.limits.maxAttributeValueLength();
    Object[] kv = new Object[Math.min(attributes.size(), max) * 2];
    int[] count = {0};
    attributes.forEach(
        (AttributeKey k, Object v) -> {
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
}
