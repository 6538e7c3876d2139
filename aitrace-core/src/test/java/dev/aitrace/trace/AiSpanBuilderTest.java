package dev.aitrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.Attribution;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiSpanBuilderTest {
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<Long> TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

  private Tracer tracer(SpanLimits limits) {
    SpanProcessor exportAtOnce = new SpanProcessor() {
      @Override
      public void onEnd(SpanRecord span) {
        exporter.export(List.of(span));
      }
    };
    return AiTracerProvider.create(exportAtOnce, limits, Attributes.empty(), false).get("test");
  }

  @Test
  void builderAttributes_areLimited_andSpanCanReplaceAndAddMore() {
    Tracer tracer = tracer(SpanLimits.builder().maxAttributeValueLength(4).build());
    Span span = tracer.spanBuilder("chat").setAttribute(MODEL, "gpt-4o").setAttribute(TOKENS, 1L).startSpan();
    span.setAttribute(TOKENS, 7L);
    for (int i = 0; i < 10; i++) {
      span.setAttribute(AttributeKey.longKey("k" + i), (long) i);
    }
    span.end();

    SpanRecord record = exporter.getFinishedSpans().get(0);
    assertThat(record.attributes().get(MODEL)).isEqualTo("gpt-");
    assertThat(record.attributes().get(TOKENS)).isEqualTo(7L);
    assertThat(record.attributes().get(AttributeKey.longKey("k9"))).isEqualTo(9L);
    assertThat(record.attributes().size()).isEqualTo(12);
  }

  @Test
  void builderAttributesBeyondTheLimit_areDroppedAndCounted() {
    Tracer tracer = tracer(SpanLimits.builder().maxAttributes(2).build());
    SpanBuilder builder = tracer.spanBuilder("chat");
    for (int i = 0; i < 5; i++) {
      builder.setAttribute(AttributeKey.longKey("k" + i), (long) i);
    }
    builder.startSpan().end();

    SpanRecord record = exporter.getFinishedSpans().get(0);
    assertThat(record.attributes().size()).isEqualTo(2);
    assertThat(record.droppedAttributesCount()).isEqualTo(3);
  }

  @Test
  void attribution_isCopied_andBuilderAttributesWinOnTheSameKey() {
    Tracer tracer = tracer(SpanLimits.defaults());
    Attribution who = Attribution.builder().userId("u-1").agentName("planner").build();
    try (Scope ignored = who.makeCurrent()) {
      tracer.spanBuilder("tool").setAttribute(Attribution.AGENT_NAME, "critic").startSpan().end();
    }

    SpanRecord record = exporter.getFinishedSpans().get(0);
    assertThat(record.attributes().get(Attribution.USER_ID)).isEqualTo("u-1");
    assertThat(record.attributes().get(Attribution.AGENT_NAME)).isEqualTo("critic");
  }

  @Test
  void childSpans_shareTheRootTimeBase_andNeverEndBeforeTheyStart() {
    Tracer tracer = tracer(SpanLimits.defaults());
    Span root = tracer.spanBuilder("root").startSpan();
    Span child;
    try (Scope ignored = root.makeCurrent()) {
      child = tracer.spanBuilder("child").startSpan();
      child.end();
    }
    root.end();

    SpanRecord childRecord = exporter.getFinishedSpans().get(0);
    SpanRecord rootRecord = exporter.getFinishedSpans().get(1);
    assertThat(childRecord.startEpochNanos()).isGreaterThanOrEqualTo(rootRecord.startEpochNanos());
    assertThat(childRecord.endEpochNanos()).isGreaterThanOrEqualTo(childRecord.startEpochNanos());
    assertThat(rootRecord.endEpochNanos()).isGreaterThanOrEqualTo(childRecord.endEpochNanos());
    assertThat(childRecord.spanContext().isValid()).isTrue();
    assertThat(childRecord.traceId()).isEqualTo(rootRecord.traceId());
  }
}
