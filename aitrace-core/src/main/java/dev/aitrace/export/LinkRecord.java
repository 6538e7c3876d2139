package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;

/**
 * A link from a span to another span, for example the untrusted incoming trace id that a public
 * edge kept as a link instead of continuing it. Immutable.
 */
public record LinkRecord(SpanContext spanContext, Attributes attributes) {
  public LinkRecord {
    requireNonNull(spanContext, "spanContext");
    requireNonNull(attributes, "attributes");
  }
}
