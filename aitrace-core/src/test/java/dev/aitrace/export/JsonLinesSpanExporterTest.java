package dev.aitrace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aitrace.AiTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSpanExporterTest {
  @TempDir Path dir;

  /** The top-level scalar fields of one line, and the attributes object flattened as "attributes.key". */
  static Map<String, String> fields(String line) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(line)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("attributes") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            out.put("attributes." + key, v.isScalarValue() ? p.getText() : "[" + arrayText(p) + "]");
          }
        } else if (value.isScalarValue()) {
          out.put(name, p.getText());
        } else {
          out.put(name, "<" + value + ">");
          p.skipChildren();
        }
      }
    }
    return out;
  }

  private static String arrayText(JsonParser p) throws Exception {
    StringBuilder s = new StringBuilder();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      s.append(s.length() == 0 ? "" : ",").append(p.getText());
    }
    return s.toString();
  }

  @Test
  void writesOneReadableObjectPerSpan_withTheOtlpFields() throws Exception {
    Path file = dir.resolve("nested/deeper/spans.jsonl");
    List<SpanRecord> spans;
    try (AiTrace aiTrace = AiTrace.builder().serviceName("jsonl-test")
        .addExporter(JsonLinesSpanExporter.create(file)).shutdownHook(false).build()) {
      spans = TestSpans.rich(aiTrace);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    Map<String, String> child = fields(lines.get(0));
    SpanRecord expected = spans.get(0);
    assertThat(child).containsEntry("traceId", expected.traceId())
        .containsEntry("spanId", expected.spanId())
        .containsEntry("parentSpanId", spans.get(1).spanId())
        .containsEntry("name", "chat gpt-4o")
        .containsEntry("kind", "CLIENT")
        .containsEntry("startEpochNanos", Long.toString(TestSpans.START + 1_000))
        .containsEntry("endEpochNanos", Long.toString(TestSpans.START + 5_000_000))
        .containsEntry("durationMs", "4.999")
        .containsEntry("status", "ERROR")
        .containsEntry("statusMessage", "rate limited")
        .containsEntry("serviceName", "jsonl-test")
        .containsEntry("scope", "scope-b")
        .containsEntry("attributes.gen_ai.request.model", "gpt-4o")
        .containsEntry("attributes.gen_ai.usage.input_tokens", Long.toString(Long.MAX_VALUE))
        .containsEntry("attributes.gen_ai.request.temperature", "0.25")
        .containsEntry("attributes.gen_ai.request.stream", "true")
        .containsEntry("attributes.gen_ai.response.finish_reasons", "[stop,length]")
        .containsEntry("events", "<START_ARRAY>")
        .containsEntry("links", "<START_ARRAY>");
    assertThat(lines.get(0)).contains("\"events\":[{\"name\":\"retry\"");
    assertThat(fields(lines.get(1))).containsEntry("parentSpanId", TestSpans.REMOTE_PARENT.getSpanId())
        .containsEntry("kind", "SERVER").containsEntry("status", "OK");
  }

  @Test
  void appendsToAnExistingFile_andFlushPersists() throws Exception {
    Path file = dir.resolve("spans.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");
    JsonLinesSpanExporter exporter = JsonLinesSpanExporter.create(file);
    List<SpanRecord> spans = TestSpans.simple(3);
    assertThat(exporter.export(spans)).isEqualTo(ExportResult.SUCCESS);
    assertThat(exporter.flush()).isEqualTo(ExportResult.SUCCESS);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("{\"earlier\":true}");
    assertThat(fields(lines.get(3))).containsEntry("name", "span-2").doesNotContainKey("parentSpanId");
    exporter.shutdown();
    assertThat(exporter.export(spans)).isEqualTo(ExportResult.FAILURE);
    assertThat(Files.readAllLines(file)).hasSize(4);
  }

  @Test
  void unusablePath_failsAtBuild_namingKeyAndValue() throws Exception {
    Path blocker = Files.writeString(dir.resolve("a-file"), "x");
    String bad = blocker.resolve("spans.jsonl").toString(); // a file cannot be a directory
    assertThatThrownBy(() -> AiTrace.builder()
        .fromConfig(dev.aitrace.internal.Config.of(Map.of("AITRACE_EXPORTERS", "jsonl", "AITRACE_JSONL_PATH", bad))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AITRACE_JSONL_PATH")
        .hasMessageContaining(bad);
    assertThatThrownBy(() -> JsonLinesSpanExporter.create(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }
}
