package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Exporting traces" snippet reaches all four destinations with the same span. */
class ExportingSnippetTest {
  @TempDir Path dir;

  /** An OpenTelemetry SDK exporter that keeps what it receives, even after shutdown. */
  static final class RecordingSdkExporter implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void snippet_sendsTheSpanToOtlpJsonLinesAndTheSdkExporter() throws Exception {
    try (MockWebServer collector = new MockWebServer()) {
      collector.start();
      collector.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      RecordingSdkExporter sdk = new RecordingSdkExporter();
      Path jsonl = dir.resolve("spans.jsonl");

      String traceId = ExportingSnippet.run(
          collector.url("/v1/traces").toString(), "Bearer test-token", jsonl, sdk);

      assertThat(traceId).matches("[0-9a-f]{32}");
      RecordedRequest request = collector.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
      assertThat(request.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
      String otlp = new String(new GZIPInputStream(new ByteArrayInputStream(request.getBody().toByteArray()))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertThat(otlp).contains("\"traceId\":\"" + traceId + "\"", "\"name\":\"invoke_agent writer\"");
      assertThat(Files.readAllLines(jsonl)).singleElement().asString()
          .contains("\"traceId\":\"" + traceId + "\"", "\"serviceName\":\"agent-team\"");
      assertThat(sdk.spans).singleElement().satisfies(span -> {
        assertThat(span.getTraceId()).isEqualTo(traceId);
        assertThat(span.getName()).isEqualTo("invoke_agent writer");
        assertThat(span.getResource().getAttributes().asMap().toString()).contains("agent-team");
      });
    }
  }
}
