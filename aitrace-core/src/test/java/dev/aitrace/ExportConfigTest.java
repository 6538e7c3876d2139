package dev.aitrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.internal.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporters and batch settings chosen through configuration keys, and what happens when they are wrong. */
class ExportConfigTest {
  @TempDir Path dir;

  private static AiTraceBuilder fromConfig(Map<String, String> keys) {
    return AiTrace.builder().shutdownHook(false).fromConfig(Config.of(keys));
  }

  @Test
  void jsonlAndOtlp_fromConfig_bothReceiveTheSpans() throws Exception {
    Path file = dir.resolve("out/spans.jsonl");
    try (MockWebServer collector = new MockWebServer()) {
      collector.start();
      collector.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      String traceId;
      try (AiTrace aiTrace = fromConfig(Map.of(
          "AITRACE_SERVICE_NAME", "configured",
          "AITRACE_EXPORTERS", "jsonl, otlp",
          "AITRACE_JSONL_PATH", file.toString(),
          "OTEL_EXPORTER_OTLP_ENDPOINT", collector.url("/").toString())).build()) {
        traceId = aiTrace.agents().invokeAgent("planner", () -> AiTrace.currentTraceId().orElseThrow());
        aiTrace.flush();
        assertThat(aiTrace.exportStats().exported()).isEqualTo(1);
      }
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).contains("\"traceId\":\"" + traceId + "\"")
          .contains("\"name\":\"invoke_agent planner\"").contains("\"serviceName\":\"configured\"");
      RecordedRequest request = collector.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/traces");
      assertThat(request.getBody().utf8()).contains("\"traceId\":\"" + traceId + "\"")
          .contains("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"configured\"}}");
    }
  }

  @Test
  void unknownExporter_failsNamingKeyAndValue_andListsTheKnownOnes() {
    assertThatThrownBy(() -> fromConfig(Map.of("AITRACE_EXPORTERS", "jsonl,bogus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AITRACE_EXPORTERS")
        .hasMessageContaining("'bogus'")
        .hasMessageContaining("[jsonl, log, memory, none, otlp]");
    assertThatThrownBy(() -> fromConfig(Map.of("AITRACE_EXPORTERS", "otlp,,log")))
        .hasMessageContaining("AITRACE_EXPORTERS").hasMessageContaining("'otlp,,log'");
  }

  @Test
  void malformedOtlpEndpoint_failsNamingKeyAndValue() {
    assertThatThrownBy(() -> fromConfig(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT")
        .hasMessageContaining("'not a url'");
  }

  @Test
  void negativeOrZeroBatchSettings_failNamingKeyAndValue() {
    Map<String, String> bad = Map.of(
        "OTEL_BSP_MAX_QUEUE_SIZE", "-1",
        "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "0",
        "OTEL_BSP_SCHEDULE_DELAY", "-100",
        "OTEL_BSP_EXPORT_TIMEOUT", "soon");
    bad.forEach((key, value) -> assertThatThrownBy(() -> fromConfig(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("'" + value + "'"));
    assertThatThrownBy(() -> AiTrace.builder().maxQueueSize(-5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueueSize").hasMessageContaining("-5");
  }

  @Test
  void aNameGivenTwice_makesOneExporter_andAFailureClosesThoseAlreadyMade() throws Exception {
    Path file = dir.resolve("twice.jsonl");
    try (AiTrace aiTrace = fromConfig(Map.of(
        "AITRACE_EXPORTERS", "jsonl,JSONL", "AITRACE_JSONL_PATH", file.toString())).build()) {
      aiTrace.agents().invokeAgent("once", () -> { });
    }
    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThatThrownBy(() -> fromConfig(Map.of(
        "AITRACE_EXPORTERS", "jsonl,Bogus", "AITRACE_JSONL_PATH", file.toString())))
        .hasMessageContaining("'Bogus'");
  }

  @Test
  void logAndNone_areKnownNames() {
    try (AiTrace aiTrace = fromConfig(Map.of("AITRACE_EXPORTERS", "log,none")).build()) {
      aiTrace.agents().invokeAgent("a", () -> { });
      aiTrace.flush();
      assertThat(aiTrace.exportStats().exported()).isEqualTo(1);
    }
  }
}
