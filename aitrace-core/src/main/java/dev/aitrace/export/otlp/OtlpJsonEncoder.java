package dev.aitrace.export.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.aitrace.export.EventRecord;
import dev.aitrace.export.LinkRecord;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Encodes spans as an OTLP/JSON {@code ExportTraceServiceRequest}, as the OTLP specification
 * describes it: trace and span ids as lowercase hex, 64-bit integers as decimal strings, enums as
 * numbers, spans grouped by resource and then by instrumentation scope. Writing goes straight from
 * the span records to a jackson-core generator, without intermediate objects per span.
 *
 * <p>Not thread-safe: an encoder reuses its buffers from call to call. Use one per thread.
 *
 * <pre>{@code
 * OtlpJsonEncoder encoder = OtlpJsonEncoder.create();
 * byte[] body = encoder.encode(spans);
 * }</pre>
 */
public final class OtlpJsonEncoder {
  /** Set on every span and link: the flags say whether the parent (or linked) context was remote. */
  private static final int HAS_IS_REMOTE = 0x100;
  private static final int IS_REMOTE = 0x200;
  private static final SerializableString TIME = new SerializedString("timeUnixNano");
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  private final AnyValueWriter values = new AnyValueWriter();
  private SpanRecord[] scratch = new SpanRecord[64];

  private OtlpJsonEncoder() {}

  public static OtlpJsonEncoder create() {
    return new OtlpJsonEncoder();
  }

  /** The request body for {@code spans}, as UTF-8 JSON bytes. */
  public byte[] encode(Collection<? extends SpanRecord> spans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * spans.size());
    try {
      encode(spans, out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e); // ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  /** Writes the request body for {@code spans} to {@code out}, which is flushed but not closed. */
  public void encode(Collection<? extends SpanRecord> spans, OutputStream out) throws IOException {
    int n = spans.size();
    if (scratch.length < n) {
      scratch = new SpanRecord[Math.max(n, scratch.length * 2)];
    }
    int filled = 0;
    for (SpanRecord span : spans) {
      if (filled == n) {
        break; // the collection grew while we copied it; the rest goes with the next batch
      }
      scratch[filled++] = span;
    }
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      values.use(gen);
      gen.writeStartObject();
      gen.writeArrayFieldStart("resourceSpans");
      for (int i = 0; i < filled; i++) {
        if (scratch[i] != null) {
          writeResourceSpans(gen, i, filled);
        }
      }
      gen.writeEndArray();
      gen.writeEndObject();
    } finally {
      values.use(null);
      Arrays.fill(scratch, 0, filled, null);
    }
  }

  /** Writes every span from {@code first} on that shares the resource of {@code scratch[first]}. */
  private void writeResourceSpans(JsonGenerator gen, int first, int end) throws IOException {
    Attributes resource = scratch[first].resource();
    gen.writeStartObject();
    gen.writeObjectFieldStart("resource");
    values.writeAttributes(resource);
    gen.writeEndObject();
    gen.writeArrayFieldStart("scopeSpans");
    for (int i = first; i < end; i++) {
      SpanRecord head = scratch[i];
      if (head == null || !sameResource(head.resource(), resource)) {
        continue;
      }
      String scopeName = head.scopeName();
      String scopeVersion = head.scopeVersion();
      gen.writeStartObject();
      gen.writeObjectFieldStart("scope");
      writeString(gen, OtlpFields.NAME, scopeName);
      if (!scopeVersion.isEmpty()) {
        gen.writeStringField("version", scopeVersion);
      }
      gen.writeEndObject();
      gen.writeArrayFieldStart("spans");
      for (int j = i; j < end; j++) {
        SpanRecord span = scratch[j];
        if (span != null
            && sameResource(span.resource(), resource)
            && same(span.scopeName(), scopeName)
            && same(span.scopeVersion(), scopeVersion)) {
          writeSpan(gen, span);
          scratch[j] = null;
        }
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private void writeSpan(JsonGenerator gen, SpanRecord span) throws IOException {
    SpanContext context = span.spanContext();
    SpanContext parent = span.parentSpanContext();
    gen.writeStartObject();
    writeString(gen, OtlpFields.TRACE_ID, context.getTraceId());
    writeString(gen, OtlpFields.SPAN_ID, context.getSpanId());
    writeTraceState(gen, context.getTraceState());
    if (parent.isValid()) {
      writeString(gen, OtlpFields.PARENT_SPAN_ID, parent.getSpanId());
    }
    writeNumber(gen, OtlpFields.FLAGS, flags(context, parent.isRemote()));
    writeString(gen, OtlpFields.NAME, span.name());
    writeNumber(gen, OtlpFields.KIND, kind(span.kind()));
    values.writeInt64Field(OtlpFields.START_TIME, span.startEpochNanos());
    values.writeInt64Field(OtlpFields.END_TIME, span.endEpochNanos());
    values.writeAttributes(span.attributes());
    writeDropped(gen, "droppedAttributesCount", span.droppedAttributesCount());
    writeEvents(gen, span.events());
    writeDropped(gen, "droppedEventsCount", span.droppedEventsCount());
    writeLinks(gen, span.links());
    writeDropped(gen, "droppedLinksCount", span.droppedLinksCount());
    gen.writeFieldName(OtlpFields.STATUS);
    gen.writeStartObject();
    String description = span.statusDescription();
    if (!description.isEmpty()) {
      writeString(gen, OtlpFields.MESSAGE, description);
    }
    writeNumber(gen, OtlpFields.CODE, statusCode(span.statusCode()));
    gen.writeEndObject();
    gen.writeEndObject();
  }

  private void writeEvents(JsonGenerator gen, List<EventRecord> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    gen.writeArrayFieldStart("events");
    for (int i = 0, n = events.size(); i < n; i++) {
      EventRecord event = events.get(i);
      gen.writeStartObject();
      values.writeInt64Field(TIME, event.epochNanos());
      writeString(gen, OtlpFields.NAME, event.name());
      values.writeAttributes(event.attributes());
      writeDropped(gen, "droppedAttributesCount", event.droppedAttributesCount());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private void writeLinks(JsonGenerator gen, List<LinkRecord> links) throws IOException {
    if (links.isEmpty()) {
      return;
    }
    gen.writeArrayFieldStart("links");
    for (int i = 0, n = links.size(); i < n; i++) {
      LinkRecord link = links.get(i);
      SpanContext linked = link.spanContext();
      gen.writeStartObject();
      writeString(gen, OtlpFields.TRACE_ID, linked.getTraceId());
      writeString(gen, OtlpFields.SPAN_ID, linked.getSpanId());
      writeTraceState(gen, linked.getTraceState());
      values.writeAttributes(link.attributes());
      writeNumber(gen, OtlpFields.FLAGS, flags(linked, linked.isRemote()));
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static void writeTraceState(JsonGenerator gen, TraceState state) throws IOException {
    if (state.isEmpty()) {
      return;
    }
    StringBuilder w3c = new StringBuilder(64);
    state.forEach(
        (k, v) -> {
          if (w3c.length() > 0) {
            w3c.append(',');
          }
          w3c.append(k).append('=').append(v);
        });
    gen.writeStringField("traceState", w3c.toString());
  }

  private static void writeString(JsonGenerator gen, SerializableString field, String value)
      throws IOException {
    gen.writeFieldName(field);
    gen.writeString(value);
  }

  private static void writeNumber(JsonGenerator gen, SerializableString field, int value) throws IOException {
    gen.writeFieldName(field);
    gen.writeNumber(value);
  }

  private static void writeDropped(JsonGenerator gen, String field, int count) throws IOException {
    if (count > 0) {
      gen.writeNumberField(field, count);
    }
  }

  /** OTLP's {@code Span.SpanKind}: 0 is UNSPECIFIED, so INTERNAL is 1. */
  private static int kind(SpanKind kind) {
    switch (kind) {
      case SERVER:
        return 2;
      case CLIENT:
        return 3;
      case PRODUCER:
        return 4;
      case CONSUMER:
        return 5;
      default:
        return 1;
    }
  }

  /** OTLP's {@code Status.StatusCode}. */
  private static int statusCode(StatusCode code) {
    switch (code) {
      case OK:
        return 1;
      case ERROR:
        return 2;
      default:
        return 0;
    }
  }

  private static int flags(SpanContext context, boolean remote) {
    return (context.getTraceFlags().asByte() & 0xff) | HAS_IS_REMOTE | (remote ? IS_REMOTE : 0);
  }

  private static boolean sameResource(Attributes a, Attributes b) {
    return a == b || a.equals(b);
  }

  private static boolean same(String a, String b) {
    return Objects.equals(a, b);
  }
}
