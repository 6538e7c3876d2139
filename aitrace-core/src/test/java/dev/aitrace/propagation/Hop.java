package dev.aitrace.propagation;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * One service in the middle of a call chain, for tests: it extracts the incoming headers, starts a
 * SERVER span in what it extracted, and injects that span's context into the outgoing headers.
 */
final class Hop implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final AiTrace aiTrace = AiTrace.builder().serviceName("hop").addExporter(spans).shutdownHook(false).build();
  final AiTracePropagator propagator = AiTracePropagator.create();

  /** What one pass through the service produced. */
  static final class Result {
    Context extracted;
    SpanRecord server;
    HeaderCarrier outgoing;
  }

  Result pass(HeaderCarrier incoming) {
    Result result = new Result();
    result.extracted = propagator.extract(Context.root(), incoming, HeaderCarrier.GETTER);
    Span span = aiTrace.tracer().spanBuilder("server").setSpanKind(SpanKind.SERVER)
        .setParent(result.extracted).startSpan();
    result.outgoing = new HeaderCarrier();
    try (Scope ignored = result.extracted.with(span).makeCurrent()) {
      propagator.inject(Context.current(), result.outgoing, HeaderCarrier.SETTER);
    } finally {
      span.end();
    }
    aiTrace.flush();
    List<SpanRecord> finished = spans.getFinishedSpans();
    result.server = finished.get(finished.size() - 1);
    return result;
  }

  /** Extract, then inject the extracted context as is (a proxy that starts no span). */
  HeaderCarrier forward(HeaderCarrier incoming) {
    HeaderCarrier outgoing = new HeaderCarrier();
    propagator.inject(propagator.extract(Context.root(), incoming, HeaderCarrier.GETTER), outgoing,
        HeaderCarrier.SETTER);
    return outgoing;
  }

  @Override
  public void close() {
    aiTrace.close();
  }
}
