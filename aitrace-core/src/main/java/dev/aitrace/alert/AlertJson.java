package dev.aitrace.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Writes an {@link Alert} as the JSON body of a webhook call, with Jackson's streaming generator. */
final class AlertJson {
  private static final JsonFactory JSON = new JsonFactory();

  private AlertJson() {}

  /**
   * {@code {"type":"BUDGET_THRESHOLD","condition":"...","message":"...","at":"2026-...Z",
   * "details":{"budget":"...","spent_usd":"4.00"}}}, details sorted by key.
   */
  static byte[] write(Alert alert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", alert.type().name());
      g.writeStringField("condition", alert.condition());
      g.writeStringField("message", alert.message());
      g.writeStringField("at", alert.at().toString());
      g.writeObjectFieldStart("details");
      for (Map.Entry<String, String> e : new TreeMap<>(alert.details()).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
