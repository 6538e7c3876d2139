package dev.aitrace.export.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.export.TestSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** aitrace spans reach an OpenTelemetry SDK exporter as complete, faithful {@link SpanData}. */
class OtelSpanExporterAdapterTest {

  @Test
  void sdkExporter_receivesEveryField() {
    InMemorySpanExporter sdk = InMemorySpanExporter.create();
    List<SpanRecord> records;
    List<SpanData> received;
    try (AiTrace aiTrace = AiTrace.builder().serviceName("adapter-test")
        .addExporter(OtelSpanExporterAdapter.wrap(sdk)).shutdownHook(false).build()) {
      records = TestSpans.rich(aiTrace);
      aiTrace.flush();
      assertThat(aiTrace.exportStats().exported()).isEqualTo(2);
      received = sdk.getFinishedSpanItems(); // the SDK's in-memory exporter forgets them at shutdown
    }
    Map<String, SpanData> byName =
        received.stream().collect(Collectors.toMap(SpanData::getName, Function.identity()));
    SpanData child = byName.get("chat gpt-4o");
    SpanData parent = byName.get("invoke_agent planner");

    assertThat(child.getSpanContext()).isEqualTo(records.get(0).spanContext());
    assertThat(child.getParentSpanContext()).isEqualTo(parent.getSpanContext());
    assertThat(parent.getParentSpanContext()).isEqualTo(TestSpans.REMOTE_PARENT);
    assertThat(child.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(child.getStartEpochNanos()).isEqualTo(TestSpans.START + 1_000);
    assertThat(child.getEndEpochNanos()).isEqualTo(TestSpans.START + 5_000_000);
    assertThat(child.hasEnded()).isTrue();
    assertThat(child.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(child.getStatus().getDescription()).isEqualTo("rate limited");
    assertThat(child.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o");
    assertThat(child.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(Long.MAX_VALUE);
    assertThat(child.getTotalAttributeCount()).isEqualTo(8);
    assertThat(child.getEvents()).extracting(EventData::getName).containsExactly("retry");
    assertThat(child.getEvents().get(0).getEpochNanos()).isEqualTo(TestSpans.START + 2_000);
    assertThat(child.getTotalRecordedEvents()).isEqualTo(1);
    assertThat(child.getLinks()).extracting(LinkData::getSpanContext).containsExactly(TestSpans.LINKED);
    assertThat(child.getLinks().get(0).getAttributes().get(AttributeKey.stringKey("link.reason")))
        .isEqualTo("untrusted edge");
    assertThat(child.getInstrumentationScopeInfo().getName()).isEqualTo("scope-b");
    assertThat(child.getInstrumentationScopeInfo().getVersion()).isEqualTo("1.2.3");
    assertThat(parent.getInstrumentationScopeInfo().getVersion()).isNull();
    assertThat(child.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("adapter-test");
    assertThat(child.getResource()).isSameAs(parent.getResource());
  }

  @Test
  void sdkExporterFailureOrHang_becomesAFailedExport() {
    io.opentelemetry.sdk.trace.export.SpanExporter failing = new io.opentelemetry.sdk.trace.export.SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofExceptionalFailure(new IllegalStateException("down"));
      }

      @Override
      public CompletableResultCode flush() {
        return new CompletableResultCode(); // never completes
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    OtelSpanExporterAdapter adapter = OtelSpanExporterAdapter.wrap(failing, Duration.ofMillis(50));
    assertThat(adapter.export(TestSpans.simple(1))).isEqualTo(ExportResult.FAILURE);
    assertThat(adapter.flush()).isEqualTo(ExportResult.FAILURE);
    adapter.shutdown();
  }
}
