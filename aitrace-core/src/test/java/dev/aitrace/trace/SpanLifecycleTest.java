package dev.aitrace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Lenient, documented behaviour for misuse: nothing throws, nothing is lost silently. */
class SpanLifecycleTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final AiTrace aiTrace =
      AiTrace.builder()
          .addExporter(spans)
          .shutdownHook(false)
          .spanLimits(SpanLimits.builder().maxAttributes(4).maxAttributeValueLength(10).maxEvents(2).build())
          .build();
  private final Tracer tracer = aiTrace.tracer("test");

  @AfterEach
  void close() {
    aiTrace.close();
  }

  @Test
  void nullAndBlankNames_becomeUnnamed() {
    tracer.spanBuilder(null).startSpan().end();
    tracer.spanBuilder("  ").startSpan().end();
    assertThat(finished()).extracting(SpanRecord::name).containsExactly("unnamed", "unnamed");
  }

  @Test
  void nullAttributesAndEvents_areIgnored() {
    Span span = tracer.spanBuilder("s").setAttribute((String) null, "v").setAttribute("k", (String) null).startSpan();
    assertThatCode(() -> {
      span.setAttribute((AttributeKey<String>) null, "x");
      span.setAttribute("kept", "yes");
      span.addEvent(null);
      span.addEvent("e", (Attributes) null);
      span.recordException(null);
      span.setStatus(null);
      span.updateName(null);
    }).doesNotThrowAnyException();
    span.end();
    SpanRecord record = finished().get(0);
    assertThat(record.attributes().asMap()).containsOnlyKeys(AttributeKey.stringKey("kept"));
    assertThat(record.events()).extracting(e -> e.name()).containsExactly("e");
    assertThat(record.name()).isEqualTo("s");
  }

  @Test
  void endedTwice_exportsOnce_andIgnoresLateChanges() {
    Span span = tracer.spanBuilder("once").startSpan();
    span.end();
    span.setAttribute("late", "x");
    span.setStatus(StatusCode.ERROR, "late");
    span.end();
    List<SpanRecord> all = finished();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).attributes().isEmpty()).isTrue();
    assertThat(all.get(0).statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.isRecording()).isFalse();
  }

  @Test
  void limits_dropAndTruncate_andCount() {
    Span span = tracer.spanBuilder("limited").startSpan();
    for (int i = 0; i < 6; i++) {
      span.setAttribute("k" + i, "0123456789abcdef");
    }
    span.addEvent("a").addEvent("b").addEvent("c");
    span.end();
    SpanRecord record = finished().get(0);
    assertThat(record.attributes().size()).isEqualTo(4);
    assertThat(record.droppedAttributesCount()).isEqualTo(2);
    assertThat(record.attributes().get(AttributeKey.stringKey("k0"))).isEqualTo("0123456789");
    assertThat(record.events()).hasSize(2);
    assertThat(record.droppedEventsCount()).isEqualTo(1);
    LimitStats stats = aiTrace.limitStats();
    assertThat(stats.droppedAttributes()).isEqualTo(2);
    assertThat(stats.truncatedValues()).isEqualTo(4);
    assertThat(stats.droppedEvents()).isEqualTo(1);
  }

  @Test
  void scopesClosedOutOfOrder_doNotThrow_andMdcIsRestored() throws Exception {
    // On its own thread: closing scopes out of order leaves that thread's context as the
    // OpenTelemetry context storage leaves it, which must not leak into other tests.
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        MDC.put("trace_id", "outer-trace");
        Scope outer = Span.getInvalid().makeCurrent();
        outer.close();
        assertThat(MDC.get("trace_id")).isEqualTo("outer-trace");
        Span a = tracer.spanBuilder("a").startSpan();
        Span b = tracer.spanBuilder("b").startSpan();
        Scope sa = a.makeCurrent();
        assertThat(MDC.get("trace_id")).isEqualTo(a.getSpanContext().getTraceId());
        assertThat(MDC.get("span_id")).isEqualTo(a.getSpanContext().getSpanId());
        Scope sb = b.makeCurrent();
        assertThat(MDC.get("span_id")).isEqualTo(b.getSpanContext().getSpanId());
        assertThat(Span.current()).isSameAs(b);
        assertThatCode(() -> {
          sa.close();
          sb.close();
        }).doesNotThrowAnyException();
        // Each close restores what was current when its scope opened, like OpenTelemetry's context
        // storage; the MDC follows the context, so both now show span a.
        assertThat(Span.current()).isSameAs(a);
        assertThat(MDC.get("trace_id")).isEqualTo(a.getSpanContext().getTraceId());
        assertThat(MDC.get("span_id")).isEqualTo(a.getSpanContext().getSpanId());
        // In order, everything unwinds to what was there before.
        Scope again = b.makeCurrent();
        again.close();
        assertThat(MDC.get("span_id")).isEqualTo(a.getSpanContext().getSpanId());
        a.end();
        b.end();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertThat(finished()).extracting(SpanRecord::name).containsExactly("a", "b");
  }

  @Test
  void errorStatus_keepsDescription_okIsFinal() {
    Span span = tracer.spanBuilder("s").startSpan();
    span.setStatus(StatusCode.ERROR, "boom");
    span.end();
    Span ok = tracer.spanBuilder("ok").startSpan();
    ok.setStatus(StatusCode.OK, "ignored");
    ok.setStatus(StatusCode.ERROR, "too late");
    ok.end();
    List<SpanRecord> all = finished();
    assertThat(all.get(0).statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(all.get(0).statusDescription()).isEqualTo("boom");
    assertThat(all.get(1).statusCode()).isEqualTo(StatusCode.OK);
    assertThat(all.get(1).statusDescription()).isEmpty();
  }

  @Test
  void afterClose_spansAreNoop() {
    aiTrace.close();
    Span span = tracer.spanBuilder("late").startSpan();
    assertThat(span.isRecording()).isFalse();
    span.end();
    assertThat(spans.getFinishedSpans()).isEmpty();
  }

  private List<SpanRecord> finished() {
    aiTrace.flush();
    return spans.getFinishedSpans();
  }
}
