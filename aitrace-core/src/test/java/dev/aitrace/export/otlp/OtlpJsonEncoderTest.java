package dev.aitrace.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OtlpJsonEncoderTest {

  /** Spans of service {@code service}: {@code perScope} in each of the scopes {@code a} and {@code b}, interleaved. */
  private static List<SpanRecord> spans(String service, int perScope) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder().serviceName(service).addExporter(memory).shutdownHook(false).build()) {
      for (int i = 0; i < perScope; i++) {
        aiTrace.tracer("a").spanBuilder(service + "/a" + i).startSpan().end();
        aiTrace.tracer("b").spanBuilder(service + "/b" + i).startSpan().end();
      }
      aiTrace.flush();
      return memory.getFinishedSpans();
    }
  }

  private static String serviceOf(ResourceSpans r) {
    return r.getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue();
  }

  @Test
  void interleavedResourcesAndScopes_areGroupedWithoutLosingOrDuplicatingASpan() throws Exception {
    List<SpanRecord> one = spans("one", 3);
    List<SpanRecord> two = spans("two", 2);
    List<SpanRecord> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(one.size(), two.size()); i++) {
      if (i < one.size()) {
        mixed.add(one.get(i));
      }
      if (i < two.size()) {
        mixed.add(two.get(i));
      }
    }
    OtlpJsonEncoder encoder = OtlpJsonEncoder.create();
    byte[] first = encoder.encode(mixed);
    assertThat(encoder.encode(mixed)).as("a reused encoder writes the same bytes").isEqualTo(first);

    ExportTraceServiceRequest request = OtlpProto.parse(first);
    Map<String, ResourceSpans> byService = request.getResourceSpansList().stream()
        .collect(Collectors.toMap(OtlpJsonEncoderTest::serviceOf, r -> r));
    assertThat(byService).containsOnlyKeys("one", "two");
    for (String service : List.of("one", "two")) {
      Map<String, List<String>> names = byService.get(service).getScopeSpansList().stream()
          .collect(Collectors.toMap(s -> s.getScope().getName(),
              s -> s.getSpansList().stream().map(io.opentelemetry.proto.trace.v1.Span::getName).toList()));
      int n = service.equals("one") ? 3 : 2;
      assertThat(names).containsOnlyKeys("a", "b");
      assertThat(names.get("a")).hasSize(n).allMatch(name -> name.startsWith(service + "/a"));
      assertThat(names.get("b")).hasSize(n).allMatch(name -> name.startsWith(service + "/b"));
    }
    assertThat(request.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
        .mapToInt(ScopeSpans::getSpansCount).sum()).isEqualTo(mixed.size());
  }

  @Test
  void unusualValues_stayValidOtlp() throws Exception {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder().addExporter(memory).shutdownHook(false).build()) {
      Span span = aiTrace.tracer().spanBuilder("odd \"name\" \u2603\n").startSpan();
      span.setAttribute(AttributeKey.doubleKey("nan"), Double.NaN);
      span.setAttribute(AttributeKey.doubleKey("inf"), Double.NEGATIVE_INFINITY);
      span.setAttribute(AttributeKey.longKey("min"), Long.MIN_VALUE);
      span.setAttribute(AttributeKey.valueKey("structured"),
          Value.of(Map.of("bytes", Value.of(new byte[] {1, 2, 3}), "list", Value.of(Value.of(1L), Value.of("x")))));
      span.end();
      aiTrace.flush();
    }
    io.opentelemetry.proto.trace.v1.Span span = OtlpProto.parse(OtlpJsonEncoder.create().encode(memory.getFinishedSpans()))
        .getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getName()).isEqualTo("odd \"name\" \u2603\n");
    Map<String, AnyValue> attributes = OtlpReceiverTest.values(span.getAttributesList());
    assertThat(attributes.get("nan").getDoubleValue()).isNaN();
    assertThat(attributes.get("inf").getDoubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(attributes.get("min").getIntValue()).isEqualTo(Long.MIN_VALUE);
    Map<String, AnyValue> structured = attributes.get("structured").getKvlistValue().getValuesList().stream()
        .collect(Collectors.toMap(kv -> kv.getKey(), kv -> kv.getValue()));
    assertThat(structured.get("bytes").getBytesValue().toByteArray()).containsExactly(1, 2, 3);
    assertThat(structured.get("list").getArrayValue().getValuesList())
        .extracting(AnyValue::getIntValue, AnyValue::getStringValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, ""), org.assertj.core.groups.Tuple.tuple(0L, "x"));
  }
}
