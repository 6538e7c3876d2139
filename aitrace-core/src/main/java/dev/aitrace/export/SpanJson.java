package dev.aitrace.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a span as one flat, human-readable JSON object: the fields of OTLP, but with attributes as a
 * plain JSON object of native values, times as epoch nanoseconds, and names instead of enum numbers.
 * Shared by the JSON Lines and the log exporter. Stateless.
 */
final class SpanJson {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private SpanJson() {}

  static void writeSpan(JsonGenerator gen, SpanRecord span) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("traceId", span.traceId());
    gen.writeStringField("spanId", span.spanId());
    String parent = span.parentSpanId();
    if (!parent.isEmpty()) {
      gen.writeStringField("parentSpanId", parent);
    }
    gen.writeStringField("name", span.name());
    gen.writeStringField("kind", span.kind().name());
    gen.writeNumberField("startEpochNanos", span.startEpochNanos());
    gen.writeNumberField("endEpochNanos", span.endEpochNanos());
    gen.writeNumberField("durationMs", span.durationNanos() / 1_000_000.0);
    gen.writeStringField("status", span.statusCode().name());
    if (!span.statusDescription().isEmpty()) {
      gen.writeStringField("statusMessage", span.statusDescription());
    }
    String service = span.resource().get(SERVICE_NAME);
    if (service != null) {
      gen.writeStringField("serviceName", service);
    }
    gen.writeStringField("scope", span.scopeName());
    if (!span.scopeVersion().isEmpty()) {
      gen.writeStringField("scopeVersion", span.scopeVersion());
    }
    gen.writeFieldName("attributes");
    writeAttributes(gen, span.attributes());
    writeEvents(gen, span.events());
    writeLinks(gen, span.links());
    writeCount(gen, "droppedAttributesCount", span.droppedAttributesCount());
    writeCount(gen, "droppedEventsCount", span.droppedEventsCount());
    writeCount(gen, "droppedLinksCount", span.droppedLinksCount());
    gen.writeEndObject();
  }

  /** Writes {@code attributes} as a JSON object of native JSON values. */
  static void writeAttributes(JsonGenerator gen, Attributes attributes) throws IOException {
    gen.writeStartObject();
    try {
      attributes.forEach(
          (key, value) -> {
            try {
              gen.writeFieldName(key.getKey());
              writeValue(gen, value);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    gen.writeEndObject();
  }

  private static void writeValue(JsonGenerator gen, Object value) throws IOException {
    if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        gen.writeString(d.toString()); // JSON has no NaN or Infinity
      } else {
        gen.writeNumber(d);
      }
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object element : list) {
        if (element == null) {
          gen.writeNull();
        } else {
          writeValue(gen, element);
        }
      }
      gen.writeEndArray();
    } else if (value instanceof Value<?> v) {
      gen.writeString(v.asString());
    } else {
      gen.writeString(String.valueOf(value));
    }
  }

  private static void writeEvents(JsonGenerator gen, List<EventRecord> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    gen.writeArrayFieldStart("events");
    for (EventRecord event : events) {
      gen.writeStartObject();
      gen.writeStringField("name", event.name());
      gen.writeNumberField("epochNanos", event.epochNanos());
      gen.writeFieldName("attributes");
      writeAttributes(gen, event.attributes());
      writeCount(gen, "droppedAttributesCount", event.droppedAttributesCount());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static void writeLinks(JsonGenerator gen, List<LinkRecord> links) throws IOException {
    if (links.isEmpty()) {
      return;
    }
    gen.writeArrayFieldStart("links");
    for (LinkRecord link : links) {
      gen.writeStartObject();
      gen.writeStringField("traceId", link.spanContext().getTraceId());
      gen.writeStringField("spanId", link.spanContext().getSpanId());
      gen.writeFieldName("attributes");
      writeAttributes(gen, link.attributes());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static void writeCount(JsonGenerator gen, String field, int count) throws IOException {
    if (count > 0) {
      gen.writeNumberField(field, count);
    }
  }
}
