package dev.aitrace.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.export.TestSpans;
import dev.aitrace.internal.Config;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the exporter behaves against a collector that answers well, badly, or not at all. */
class OtlpHttpSpanExporterTest {
  private static final List<SpanRecord> SPANS = TestSpans.simple(3);
  private final MockWebServer collector = new MockWebServer();
  private OtlpHttpSpanExporter exporter;

  @BeforeEach
  void start() throws Exception {
    collector.start();
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown();
    }
    collector.close();
  }

  private OtlpHttpSpanExporter exporter(int attempts) {
    exporter = OtlpHttpSpanExporter.builder()
        .endpoint(collector.url("/v1/traces").toString())
        .timeout(Duration.ofSeconds(10))
        .retry(attempts, Duration.ofMillis(5), Duration.ofMillis(20))
        .build();
    return exporter;
  }

  private static MockResponse answer(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @Test
  void configFromEnvironment_sendsDecodedHeaders_andGzippedBody() throws Exception {
    collector.enqueue(answer(200, "{}"));
    exporter = OtlpHttpSpanExporter.builder()
        .fromConfig(Config.of(Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", collector.url("/otlp/").toString(),
            "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cr%3Dt%2Cx, x-tenant = acme",
            "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")))
        .build();
    assertThat(exporter.export(SPANS)).isEqualTo(ExportResult.SUCCESS);

    RecordedRequest request = collector.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/otlp/v1/traces");
    assertThat(request.getHeaders().get("api-key")).isEqualTo("s3cr=t,x");
    assertThat(request.getHeaders().get("x-tenant")).isEqualTo("acme");
    assertThat(request.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
    byte[] json = new GZIPInputStream(new ByteArrayInputStream(request.getBody().toByteArray())).readAllBytes();
    ExportTraceServiceRequest parsed = OtlpProto.parse(json);
    assertThat(parsed.getResourceSpans(0).getScopeSpans(0).getSpansList())
        .extracting(s -> s.getName()).containsExactly("span-0", "span-1", "span-2");
    assertThat(exporter.toString()).doesNotContain("s3cr");
  }

  @Test
  void tracesEndpoint_isUsedAsIs_andWinsOverTheBaseEndpoint() throws Exception {
    collector.enqueue(answer(200, ""));
    exporter = OtlpHttpSpanExporter.builder()
        .fromConfig(Config.of(Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://unused.invalid:4318",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.url("/custom/path").toString())))
        .build();
    assertThat(exporter.export(SPANS)).isEqualTo(ExportResult.SUCCESS);
    assertThat(collector.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/custom/path");
  }

  @Test
  void tooManyRequests_withRetryAfter_isRetried_thenSucceeds() throws Exception {
    collector.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    collector.enqueue(answer(200, "{}"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.SUCCESS);
    assertThat(collector.getRequestCount()).isEqualTo(2);
  }

  @Test
  void unavailableSeveralTimes_isRetriedWithBackoff_thenSucceeds() {
    collector.enqueue(answer(503, ""));
    collector.enqueue(answer(502, ""));
    collector.enqueue(answer(504, ""));
    collector.enqueue(answer(200, "{}"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.SUCCESS);
    assertThat(collector.getRequestCount()).isEqualTo(4);
  }

  @Test
  void unavailableEveryTime_givesUpAfterMaxAttempts() {
    for (int i = 0; i < 5; i++) {
      collector.enqueue(answer(503, ""));
    }
    assertThat(exporter(3).export(SPANS)).isEqualTo(ExportResult.FAILURE);
    assertThat(collector.getRequestCount()).isEqualTo(3);
  }

  @Test
  void badRequest_isNotRetried() {
    collector.enqueue(answer(400, "{\"code\":3,\"message\":\"bad span\"}"));
    collector.enqueue(answer(200, "{}"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.FAILURE);
    assertThat(collector.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorWithGarbageBody_failsWithoutRetry() {
    collector.enqueue(answer(500, "<html>\u0000\u0007 not json"));
    collector.enqueue(answer(200, "{}"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.FAILURE);
    assertThat(collector.getRequestCount()).isEqualTo(1);
  }

  @Test
  void successWithGarbageBody_countsAsAccepted() {
    collector.enqueue(answer(200, "]]]{{{ garbage"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.SUCCESS);
  }

  @Test
  void partialSuccess_isAccepted() {
    collector.enqueue(answer(200, "{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"too old\"}}"));
    assertThat(exporter(5).export(SPANS)).isEqualTo(ExportResult.SUCCESS);
  }

  @Test
  void retryAfterBeyondTheTimeout_failsAtOnce_insteadOfWaiting() {
    collector.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    exporter = OtlpHttpSpanExporter.builder()
        .endpoint(collector.url("/v1/traces").toString())
        .timeout(Duration.ofSeconds(2))
        .build();
    assertThat(exporter.export(SPANS)).isEqualTo(ExportResult.FAILURE);
    assertThat(collector.getRequestCount()).isEqualTo(1);
  }

  @Test
  void collectorDown_thenBackUp_spansEndedAfterRecoveryArrive() throws Exception {
    int port = collector.getPort();
    String url = collector.url("/v1/traces").toString();
    collector.close();
    try (AiTrace aiTrace = AiTrace.builder()
        .addExporter(OtlpHttpSpanExporter.builder().endpoint(url)
            .timeout(Duration.ofSeconds(5)).retry(2, Duration.ofMillis(5), Duration.ofMillis(10)).build())
        .shutdownHook(false)
        .build()) {
      aiTrace.tracer().spanBuilder("while-down").startSpan().end();
      aiTrace.flush();
      assertThat(aiTrace.exportStats().failed()).isEqualTo(1);

      try (MockWebServer revived = new MockWebServer()) {
        revived.start(port);
        revived.enqueue(answer(200, "{}"));
        aiTrace.tracer().spanBuilder("after-recovery").startSpan().end();
        aiTrace.flush();
        assertThat(aiTrace.exportStats().exported()).isEqualTo(1);
        assertThat(aiTrace.exportStats().failed()).isEqualTo(1);
        ExportTraceServiceRequest request =
            OtlpProto.parse(revived.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
        assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpansList())
            .extracting(s -> s.getName()).containsExactly("after-recovery");
      }
    }
  }

  @Test
  void afterShutdown_exportFailsWithoutSending() {
    exporter(1).shutdown();
    assertThat(exporter.export(SPANS)).isEqualTo(ExportResult.FAILURE);
    assertThat(collector.getRequestCount()).isZero();
  }
}
