package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdHeaderTest {
  private static final String ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final Hop hop = new Hop();

  @AfterEach
  void close() {
    hop.close();
  }

  @Test
  void validXTraceId_becomesTheTraceIdOfTheRootSpan_withoutAParent() {
    Hop.Result r = hop.pass(HeaderCarrier.of("X-Trace-ID", ID));
    assertThat(r.server.traceId()).isEqualTo(ID);
    assertThat(r.server.parentSpanContext().isValid()).isFalse();
    assertThat(r.outgoing.get("X-Trace-ID")).isEqualTo(ID);
    assertThat(r.outgoing.get("traceparent")).isEqualTo("00-" + ID + "-" + r.server.spanId() + "-01");
    assertThat(TraceIdHeader.traceId(r.extracted)).contains(ID);
  }

  @Test
  void childSpans_andFurtherRootSpans_inThatContext_shareTheRequestedTraceId() {
    Context extracted = hop.propagator.extract(Context.root(), HeaderCarrier.of("x-trace-id", ID), HeaderCarrier.GETTER);
    try (Scope ignored = extracted.makeCurrent()) {
      Span root = hop.aiTrace.tracer().spanBuilder("root").startSpan();
      try (Scope s = root.makeCurrent()) {
        hop.aiTrace.tracer().spanBuilder("child").startSpan().end();
      }
      root.end();
      hop.aiTrace.tracer().spanBuilder("unrelated").setNoParent().startSpan().end();
    }
    hop.aiTrace.flush();
    Map<String, SpanRecord> byName = new java.util.HashMap<>();
    hop.spans.getFinishedSpans().forEach(s -> byName.put(s.name(), s));
    assertThat(byName.get("root").traceId()).isEqualTo(ID);
    assertThat(byName.get("child").traceId()).isEqualTo(ID);
    assertThat(byName.get("child").parentSpanId()).isEqualTo(byName.get("root").spanId());
    assertThat(byName.get("unrelated").traceId()).isNotEqualTo(ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "4bf92f3577b34da6a3ce929d0e0e473", "4bf92f3577b34da6a3ce929d0e0e47366",
      "4BF92F3577B34DA6A3CE929D0E0E4736", "4bf92f3577b34da6a3ce929d0e0e473g", "00000000000000000000000000000000",
      "4bf92f3577b34da6a3ce929d0e0e4736\r\nX-Evil: 1", "4bf92f3577b34da6\r\n3ce929d0e0e4736",
      "4bf92f3577b34da6a3ce929d0e0e473\n", "4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "4bf92f3577b34da6 3ce929d0e0e4736",
      "0x4bf92f3577b34da6a3ce929d0e0e47"})
  void malformedXTraceId_isIgnored_andNotEchoed(String value) {
    Hop.Result r = hop.pass(HeaderCarrier.of("X-Trace-ID", value));
    assertThat(r.server.traceId()).isNotEqualTo(ID).isNotEqualTo(value.toLowerCase());
    assertThat(r.outgoing.get("X-Trace-ID")).isEqualTo(r.server.traceId());
    assertThat(r.outgoing.dump().toLowerCase()).doesNotContain("4bf92f35", "evil", "3ce929d0e0e4736");
    assertThat(TraceIdHeader.parse(value)).isEmpty();
  }

  @Test
  void tenKilobyteXTraceId_isIgnored() {
    String huge = ID.repeat(320);
    Hop.Result r = hop.pass(HeaderCarrier.of("X-Trace-ID", huge));
    assertThat(r.server.traceId()).isNotEqualTo(ID);
    assertThat(r.outgoing.dump()).doesNotContain("4bf92f35");
  }

  @Test
  void twoXTraceIdHeaders_areIgnored() {
    Hop.Result r = hop.pass(HeaderCarrier.of("X-Trace-ID", ID, "X-Trace-ID", ID));
    assertThat(r.server.traceId()).isNotEqualTo(ID);
  }

  @Test
  void validTraceparent_winsOverXTraceId() {
    String trace = "12345678901234567890123456789012";
    Hop.Result r = hop.pass(HeaderCarrier.of("traceparent", "00-" + trace + "-1234567890123456-01", "X-Trace-ID", ID));
    assertThat(r.server.traceId()).isEqualTo(trace);
    assertThat(r.outgoing.get("X-Trace-ID")).isEqualTo(trace);
  }

  @Test
  void invalidTraceparent_fallsBackToXTraceId() {
    Hop.Result r = hop.pass(HeaderCarrier.of("traceparent", "garbage", "X-Trace-ID", ID));
    assertThat(r.server.traceId()).isEqualTo(ID);
    assertThat(r.outgoing.dump()).doesNotContain("garbage");
  }

  @Test
  void aProxyWithoutSpans_forwardsTheValidXTraceId() {
    HeaderCarrier out = hop.forward(HeaderCarrier.of("X-Trace-ID", " " + ID + "\t"));
    assertThat(out.get("X-Trace-ID")).isEqualTo(ID);
    assertThat(out.get("traceparent")).isNull();
  }

  @Test
  void traceId_ofAContext_isItsSpansTraceId_orEmpty() {
    assertThat(TraceIdHeader.traceId(Context.root())).isEmpty();
    assertThat(TraceIdHeader.traceId(null)).isEmpty();
    Span span = hop.aiTrace.tracer().spanBuilder("s").startSpan();
    assertThat(TraceIdHeader.traceId(Context.root().with(span))).contains(span.getSpanContext().getTraceId());
    span.end();
  }
}
