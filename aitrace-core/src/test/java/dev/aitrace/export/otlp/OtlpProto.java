package dev.aitrace.export.otlp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Parses an OTLP/JSON body with the official proto classes. OTLP/JSON writes ids as hex, protobuf's
 * {@link JsonFormat} expects base64 for bytes fields, so the ids are converted first (and only them).
 */
final class OtlpProto {
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private OtlpProto() {}

  static ExportTraceServiceRequest parse(byte[] otlpJson) throws Exception {
    JsonElement tree = JsonParser.parseString(new String(otlpJson, StandardCharsets.UTF_8));
    hexIdsToBase64(tree);
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    JsonFormat.parser().merge(tree.toString(), request); // strict: unknown fields fail the parse
    return request.build();
  }

  private static void hexIdsToBase64(JsonElement element) {
    if (element.isJsonArray()) {
      for (JsonElement e : (JsonArray) element) {
        hexIdsToBase64(e);
      }
    } else if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      for (Map.Entry<String, JsonElement> field : object.entrySet()) {
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isJsonPrimitive()) {
          byte[] id = HexFormat.of().parseHex(field.getValue().getAsString());
          field.setValue(new com.google.gson.JsonPrimitive(Base64.getEncoder().encodeToString(id)));
        } else {
          hexIdsToBase64(field.getValue());
        }
      }
    }
  }

  /** Lowercase hex of a proto bytes id, for comparing with {@code SpanContext} ids. */
  static String hex(com.google.protobuf.ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }
}
