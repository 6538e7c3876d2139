package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.export.JsonLinesSpanExporter;
import dev.aitrace.export.LoggingSpanExporter;
import dev.aitrace.export.otel.OtelSpanExporterAdapter;
import dev.aitrace.export.otlp.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's "Exporting traces" snippet: one {@link AiTrace} sending every span to an OTLP/HTTP
 * endpoint with an authorization header and gzip, to a JSON Lines file, to the log, and to an
 * OpenTelemetry SDK exporter.
 */
public final class ExportingSnippet {
  private ExportingSnippet() {}

  /** Sends to a collector on localhost, {@code spans.jsonl}, the log and the SDK's logging exporter. */
  public static void main(String[] args) {
    String otlp = args.length > 0 ? args[0] : "http://localhost:4318/v1/traces";
    System.out.println("trace " + run(otlp, "Bearer dev-token", Path.of("spans.jsonl"),
        io.opentelemetry.exporter.logging.LoggingSpanExporter.create()));
  }

  /** Runs the snippet; returns the trace id of the span it records. */
  public static String run(String otlpTracesUrl, String authorization, Path jsonLines, SpanExporter sdkExporter) {
    // --- README: exporting snippet ---
    try (AiTrace aiTrace = AiTrace.builder()
        .serviceName("agent-team")
        // OTLP/HTTP JSON: an OpenTelemetry Collector, Jaeger, Grafana Tempo, Langfuse, ...
        .addExporter(OtlpHttpSpanExporter.builder()
            .endpoint(otlpTracesUrl)
            .addHeader("Authorization", authorization)
            .compression("gzip")
            .timeout(Duration.ofSeconds(10))
            .build())
        // one JSON object per span and line
        .addExporter(JsonLinesSpanExporter.create(jsonLines))
        // one INFO line per span on the SLF4J logger "dev.aitrace.spans"
        .addExporter(LoggingSpanExporter.create())
        // any OpenTelemetry SDK exporter: OTLP/gRPC, Zipkin, vendors' own
        .addExporter(OtelSpanExporterAdapter.wrap(sdkExporter))
        .build()) {
      String traceId = aiTrace.agents().invokeAgent("writer", () -> AiTrace.currentTraceId().orElseThrow());
      aiTrace.flush();
      System.out.println(aiTrace.exportStats()); // exported, dropped, failed, queued: exact counts
      return traceId;
    }
    // --- end ---
  }
}
