package dev.aitrace.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.export.TestSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An OTLP receiver in the test: what the exporter sends must parse with the official proto classes. */
class OtlpReceiverTest {
  private final MockWebServer collector = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    collector.start();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void exportedRequest_parsesWithOfficialProto_fieldByField() throws Exception {
    collector.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    List<SpanRecord> expected;
    try (AiTrace aiTrace = AiTrace.builder()
        .serviceName("otlp-test")
        .resourceAttribute("deployment.environment.name", "test")
        .addExporter(OtlpHttpSpanExporter.builder().endpoint(collector.url("/v1/traces").toString()).build())
        .shutdownHook(false)
        .build()) {
      expected = TestSpans.rich(aiTrace);
      aiTrace.flush();
      assertThat(aiTrace.exportStats().exported()).isEqualTo(2);
    }
    RecordedRequest recorded = collector.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded).isNotNull();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/traces");
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    String json = recorded.getBody().string(StandardCharsets.UTF_8);
    assertThat(json).contains("\"traceId\":\"" + expected.get(0).traceId() + "\"")
        .contains("\"startTimeUnixNano\":\"" + TestSpans.START + "\"")
        .contains("\"intValue\":\"" + Long.MAX_VALUE + "\"");

    ExportTraceServiceRequest request = OtlpProto.parse(recorded.getBody().toByteArray());
    assertThat(request.getResourceSpansCount()).isEqualTo(1);
    Resource resource = request.getResourceSpans(0).getResource();
    assertThat(values(resource.getAttributesList()))
        .containsEntry("service.name", str("otlp-test"))
        .containsEntry("deployment.environment.name", str("test"))
        .containsEntry("telemetry.sdk.name", str("aitrace"));

    Map<String, ScopeSpans> scopes = request.getResourceSpans(0).getScopeSpansList().stream()
        .collect(Collectors.toMap(s -> s.getScope().getName(), s -> s));
    assertThat(scopes).containsOnlyKeys("scope-a", "scope-b");
    assertThat(scopes.get("scope-a").getScope().getVersion()).isEmpty();
    assertThat(scopes.get("scope-b").getScope().getVersion()).isEqualTo("1.2.3");

    SpanRecord childRecord = expected.get(0);
    SpanRecord parentRecord = expected.get(1);
    Span parent = scopes.get("scope-a").getSpans(0);
    assertThat(OtlpProto.hex(parent.getTraceId())).isEqualTo(TestSpans.REMOTE_PARENT.getTraceId());
    assertThat(OtlpProto.hex(parent.getSpanId())).isEqualTo(parentRecord.spanId());
    assertThat(OtlpProto.hex(parent.getParentSpanId())).isEqualTo(TestSpans.REMOTE_PARENT.getSpanId());
    assertThat(parent.getTraceState()).isEqualTo("vendor=abc");
    assertThat(parent.getFlags()).isEqualTo(0x301); // sampled, has is-remote, parent is remote
    assertThat(parent.getName()).isEqualTo("invoke_agent planner");
    assertThat(parent.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(parent.getStartTimeUnixNano()).isEqualTo(TestSpans.START);
    assertThat(parent.getEndTimeUnixNano()).isEqualTo(TestSpans.START + 9_000_000);
    assertThat(parent.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_OK);

    Span child = scopes.get("scope-b").getSpans(0);
    assertThat(OtlpProto.hex(child.getTraceId())).isEqualTo(childRecord.traceId()).isEqualTo(parentRecord.traceId());
    assertThat(OtlpProto.hex(child.getSpanId())).isEqualTo(childRecord.spanId());
    assertThat(OtlpProto.hex(child.getParentSpanId())).isEqualTo(parentRecord.spanId());
    assertThat(child.getFlags()).isEqualTo(0x101); // parent is local
    assertThat(child.getName()).isEqualTo("chat gpt-4o");
    assertThat(child.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(child.getStartTimeUnixNano()).isEqualTo(TestSpans.START + 1_000);
    assertThat(child.getEndTimeUnixNano()).isEqualTo(TestSpans.START + 5_000_000);
    Map<String, AnyValue> attributes = values(child.getAttributesList());
    assertThat(attributes.get("gen_ai.request.model").getStringValue()).isEqualTo("gpt-4o");
    assertThat(attributes.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(attributes.get("gen_ai.request.temperature").getDoubleValue()).isEqualTo(0.25);
    assertThat(attributes.get("gen_ai.request.stream").getBoolValue()).isTrue();
    assertThat(attributes.get("gen_ai.response.finish_reasons").getArrayValue().getValuesList())
        .extracting(AnyValue::getStringValue).containsExactly("stop", "length");
    assertThat(attributes.get("test.longs").getArrayValue().getValuesList())
        .extracting(AnyValue::getIntValue).containsExactly(-1L, 42L);
    assertThat(attributes.get("test.doubles").getArrayValue().getValuesList())
        .extracting(AnyValue::getDoubleValue).containsExactly(1.5, -0.5);
    assertThat(attributes.get("test.bools").getArrayValue().getValuesList())
        .extracting(AnyValue::getBoolValue).containsExactly(true, false);
    assertThat(child.getEventsList()).hasSize(1);
    Span.Event event = child.getEvents(0);
    assertThat(event.getName()).isEqualTo("retry");
    assertThat(event.getTimeUnixNano()).isEqualTo(TestSpans.START + 2_000);
    assertThat(values(event.getAttributesList()).get("attempt").getIntValue()).isEqualTo(2L);
    assertThat(child.getLinksList()).hasSize(1);
    Span.Link link = child.getLinks(0);
    assertThat(OtlpProto.hex(link.getTraceId())).isEqualTo(TestSpans.LINKED.getTraceId());
    assertThat(OtlpProto.hex(link.getSpanId())).isEqualTo(TestSpans.LINKED.getSpanId());
    assertThat(link.getFlags()).isEqualTo(0x300); // not sampled, remote
    assertThat(values(link.getAttributesList()).get("link.reason").getStringValue()).isEqualTo("untrusted edge");
    assertThat(child.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(child.getStatus().getMessage()).isEqualTo("rate limited");
    assertThat(child.getDroppedAttributesCount()).isZero();
  }

  @Test
  void spanLimitsCut_droppedCountsReachTheCollector() throws Exception {
    collector.enqueue(new MockResponse.Builder().code(200).build());
    try (AiTrace aiTrace = AiTrace.builder()
        .spanLimits(dev.aitrace.trace.SpanLimits.builder().maxAttributes(1).maxEvents(1).build())
        .addExporter(OtlpHttpSpanExporter.builder().endpoint(collector.url("/v1/traces").toString())
            .timeout(Duration.ofSeconds(5)).build())
        .shutdownHook(false)
        .build()) {
      io.opentelemetry.api.trace.Span span = aiTrace.tracer().spanBuilder("limited").startSpan();
      span.setAttribute("a", "1").setAttribute("b", "2").setAttribute("c", "3");
      span.addEvent("e1").addEvent("e2");
      span.end();
    }
    Span span = OtlpProto.parse(collector.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray())
        .getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getAttributesCount()).isEqualTo(1);
    assertThat(span.getDroppedAttributesCount()).isEqualTo(2);
    assertThat(span.getEventsCount()).isEqualTo(1);
    assertThat(span.getDroppedEventsCount()).isEqualTo(1);
  }

  static Map<String, AnyValue> values(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }

  static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }
}
