package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;

/** What aitrace writes, OpenTelemetry's own W3C propagators read the same way, and back. */
class OpenTelemetryInteropTest {
  private static final TextMapPropagator OTEL =
      TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
  private final AiTracePropagator aitrace = AiTracePropagator.create();

  private final SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
      TraceFlags.getSampled(), TraceState.builder().put("rojo", "00f067aa0ba902b7").put("congo", "t61rcWkgMzE").build());
  private final Baggage baggage = Baggage.builder().put("user", "alice smith")
      .put("k", "v=1,2;3", BaggageEntryMetadata.create("p1;p2=x")).put("emoji", "\uD83D\uDE00").build();

  @Test
  void openTelemetryReads_whatAitraceWrites() {
    HeaderCarrier wire = new HeaderCarrier();
    aitrace.inject(Context.root().with(Span.wrap(span)).with(baggage), wire, HeaderCarrier.SETTER);
    Context read = OTEL.extract(Context.root(), wire, HeaderCarrier.GETTER);
    SpanContext got = Span.fromContext(read).getSpanContext();
    assertThat(got.getTraceId()).isEqualTo(span.getTraceId());
    assertThat(got.getSpanId()).isEqualTo(span.getSpanId());
    assertThat(got.getTraceFlags()).isEqualTo(span.getTraceFlags());
    assertThat(got.getTraceState().asMap()).isEqualTo(span.getTraceState().asMap());
    assertThat(Baggage.fromContext(read).asMap()).isEqualTo(baggage.asMap());
  }

  @Test
  void aitraceReads_whatOpenTelemetryWrites() {
    // OpenTelemetry writes metadata as one percent-encoded property ("p1;p2=x" becomes ";p1%3Bp2%3Dx"),
    // which aitrace keeps verbatim, as the W3C grammar reads it; so this direction uses one plain property.
    Baggage baggage = Baggage.builder().put("user", "alice smith")
        .put("k", "v=1,2;3", BaggageEntryMetadata.create("p1")).put("emoji", "\uD83D\uDE00").build();
    HeaderCarrier wire = new HeaderCarrier();
    OTEL.inject(Context.root().with(Span.wrap(span)).with(baggage), wire, HeaderCarrier.SETTER);
    Context read = aitrace.extract(Context.root(), wire, HeaderCarrier.GETTER);
    SpanContext got = Span.fromContext(read).getSpanContext();
    assertThat(got.getTraceId()).isEqualTo(span.getTraceId());
    assertThat(got.getSpanId()).isEqualTo(span.getSpanId());
    assertThat(got.isRemote()).isTrue();
    assertThat(got.getTraceState().asMap()).isEqualTo(span.getTraceState().asMap());
    assertThat(Baggage.fromContext(read).asMap()).isEqualTo(baggage.asMap());
  }
}
