package dev.aitrace.export;

import dev.aitrace.AiTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real span records, made by a real {@link AiTrace} and caught with the in-memory exporter. */
public final class TestSpans {
  public static final long START = 1_700_000_000_123_456_789L;
  public static final SpanContext REMOTE_PARENT = SpanContext.createFromRemoteParent(
      "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(),
      TraceState.builder().put("vendor", "abc").build());
  public static final SpanContext LINKED = SpanContext.createFromRemoteParent(
      "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault());

  private TestSpans() {}

  /** {@code n} plain spans named {@code span-0..n-1}, each in its own trace. */
  public static List<SpanRecord> simple(int n) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder().serviceName("test-service").addExporter(memory)
        .shutdownHook(false).build()) {
      for (int i = 0; i < n; i++) {
        aiTrace.tracer().spanBuilder("span-" + i).startSpan().end();
      }
      aiTrace.flush();
      return memory.getFinishedSpans();
    }
  }

  /**
   * Two spans that use every field OTLP has: a SERVER span continuing {@link #REMOTE_PARENT} (scope
   * {@code scope-a}, no version), and its CLIENT child (scope {@code scope-b} version {@code 1.2.3})
   * with attributes of every type, an event, a link to {@link #LINKED} and an ERROR status. Returns
   * them in end order: child first.
   */
  public static List<SpanRecord> rich(AiTrace aiTrace) {
    Tracer a = aiTrace.openTelemetry().getTracer("scope-a");
    Tracer b = aiTrace.openTelemetry().getTracer("scope-b", "1.2.3");
    Span parent = a.spanBuilder("invoke_agent planner")
        .setParent(Context.root().with(Span.wrap(REMOTE_PARENT)))
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(START, TimeUnit.NANOSECONDS)
        .startSpan();
    Span child = b.spanBuilder("chat gpt-4o")
        .setParent(Context.root().with(parent))
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(START + 1_000, TimeUnit.NANOSECONDS)
        .addLink(LINKED, Attributes.of(AttributeKey.stringKey("link.reason"), "untrusted edge"))
        .startSpan();
    child.setAttribute("gen_ai.request.model", "gpt-4o");
    child.setAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), Long.MAX_VALUE);
    child.setAttribute(AttributeKey.doubleKey("gen_ai.request.temperature"), 0.25);
    child.setAttribute(AttributeKey.booleanKey("gen_ai.request.stream"), true);
    child.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop", "length"));
    child.setAttribute(AttributeKey.longArrayKey("test.longs"), List.of(-1L, 42L));
    child.setAttribute(AttributeKey.doubleArrayKey("test.doubles"), List.of(1.5, -0.5));
    child.setAttribute(AttributeKey.booleanArrayKey("test.bools"), List.of(true, false));
    child.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L), START + 2_000, TimeUnit.NANOSECONDS);
    child.setStatus(StatusCode.ERROR, "rate limited");
    child.end(START + 5_000_000, TimeUnit.NANOSECONDS);
    parent.setStatus(StatusCode.OK);
    parent.end(START + 9_000_000, TimeUnit.NANOSECONDS);
    return List.of((SpanRecord) child, (SpanRecord) parent);
  }
}
