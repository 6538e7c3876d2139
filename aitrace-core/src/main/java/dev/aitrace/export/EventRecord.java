package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.Attributes;

/**
 * A timestamped event on a span, such as a failed retry attempt or an exception. Immutable.
 *
 * @param name the event name
 * @param epochNanos when it happened, in nanoseconds since the epoch
 * @param attributes what is known about it
 * @param droppedAttributesCount attributes that did not fit the limits
 */
public record EventRecord(String name, long epochNanos, Attributes attributes, int droppedAttributesCount) {
  public EventRecord {
    requireNonNull(name, "name");
    requireNonNull(attributes, "attributes");
  }
}
