package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.JsonLinesSpanExporter;
import dev.aitrace.export.otlp.OtlpHttpSpanExporter;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;

/**
 * The README's core snippet: agents and a tool traced under one attribution, written to a JSON
 * Lines file and to an OTLP/HTTP endpoint (an OpenTelemetry Collector, Jaeger, Tempo, Langfuse).
 */
public final class QuickStartSnippet {
  private QuickStartSnippet() {}

  public static void main(String[] args) {
    String otlp = args.length > 0 ? args[0] : "http://localhost:4318/v1/traces";
    System.out.println(run(Path.of("spans.jsonl"), otlp));
  }

  /** Runs the snippet; returns the report the manager produced, with its trace id. */
  public static String run(Path jsonLines, String otlpTracesUrl) {
    // --- README: core snippet ---
    try (AiTrace aiTrace = AiTrace.builder()
        .serviceName("agent-team")
        .addExporter(JsonLinesSpanExporter.create(jsonLines))
        .addExporter(OtlpHttpSpanExporter.builder().endpoint(otlpTracesUrl).build())
        .build()) {
      Attribution who = Attribution.builder()
          .userId("u-42").taskId("market-analysis").budgetCategory("consulting").build();
      try (Scope scope = who.makeCurrent()) {
        return aiTrace.agents().invokeAgent("manager", () -> {
          String team = aiTrace.agents().invokeAgent("recruiter", () -> "analyst, writer");
          String facts = aiTrace.agents().executeTool("web_search", () -> "ACME revenue grew 12%");
          return team + " / " + facts + " / trace " + AiTrace.currentTraceId().orElseThrow();
        });
      }
    } // close() flushes both exporters
    // --- end ---
  }
}
