package dev.aitrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** aitrace spans and OpenTelemetry SDK spans in one process join one trace, whichever is outside. */
class OpenTelemetrySdkInteropTest {
  private final io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter sdkSpans =
      io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
  private final SdkTracerProvider sdk =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(sdkSpans)).build();
  private final Tracer sdkTracer = sdk.get("app-library");
  private final InMemorySpanExporter aiSpans = InMemorySpanExporter.create();
  private final AiTrace aiTrace = AiTrace.builder().addExporter(aiSpans).shutdownHook(false).build();

  @AfterEach
  void close() {
    aiTrace.close();
    sdk.close();
  }

  @Test
  void sdkSpanInsideAitraceSpan_isItsChild() {
    aiTrace.agents().invokeAgent("manager", () -> {
      Span db = sdkTracer.spanBuilder("SELECT orders").startSpan();
      try (Scope ignored = db.makeCurrent()) {
        aiTrace.agents().executeTool("lookup", () -> "row");
      } finally {
        db.end();
      }
    });
    aiTrace.flush();

    SpanRecord manager = byName("invoke_agent manager");
    SpanRecord tool = byName("execute_tool lookup");
    SpanData db = sdkSpans.getFinishedSpanItems().get(0);
    assertThat(db.getTraceId()).isEqualTo(manager.traceId());
    assertThat(db.getParentSpanId()).isEqualTo(manager.spanId());
    assertThat(tool.traceId()).isEqualTo(manager.traceId());
    assertThat(tool.parentSpanId()).isEqualTo(db.getSpanId());
  }

  @Test
  void aitraceSpanInsideSdkSpan_isItsChild() {
    Span request = sdkTracer.spanBuilder("GET /report").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      aiTrace.agents().invokeAgent("writer", () -> {
        Span render = sdkTracer.spanBuilder("render").startSpan();
        render.end();
      });
    } finally {
      request.end();
    }
    aiTrace.flush();

    SpanData outer = sdkSpans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("GET /report")).findFirst().orElseThrow();
    SpanData render = sdkSpans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("render")).findFirst().orElseThrow();
    SpanRecord writer = byName("invoke_agent writer");
    assertThat(writer.traceId()).isEqualTo(outer.getTraceId());
    assertThat(writer.parentSpanId()).isEqualTo(outer.getSpanId());
    assertThat(render.getTraceId()).isEqualTo(outer.getTraceId());
    assertThat(render.getParentSpanId()).isEqualTo(writer.spanId());
  }

  @Test
  void openTelemetryFacade_recordsThroughAitrace() {
    Span span = aiTrace.openTelemetry().getTracer("lib", "1.2").spanBuilder("work").startSpan();
    span.setAttribute("rows", 3L);
    span.end();
    aiTrace.flush();
    SpanRecord work = byName("work");
    assertThat(work.scopeName()).isEqualTo("lib");
    assertThat(work.scopeVersion()).isEqualTo("1.2");
    assertThat(work.attributes().get(io.opentelemetry.api.common.AttributeKey.longKey("rows"))).isEqualTo(3L);
  }

  private SpanRecord byName(String name) {
    return aiSpans.getFinishedSpans().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
