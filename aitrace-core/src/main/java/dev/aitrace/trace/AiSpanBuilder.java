package dev.aitrace.trace;

import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.Attribution;
import dev.aitrace.internal.RequestedTraceId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Builds an {@link AiSpan}. The parent is the span in the explicit parent context, or in {@link
 * Context#current()}; a valid parent gives its trace id, flags and trace state. The current {@link
 * Attribution} is copied onto the span. A root span takes the trace id an incoming {@code X-Trace-ID}
 * asked for ({@link RequestedTraceId}) when the context holds one. Not thread-safe, like every
 * OpenTelemetry span builder.
 */
final class AiSpanBuilder implements SpanBuilder {
  private final AiTracer tracer;
  private String name;
  private Context parent; // null: the current context; Context.root() after setNoParent()
  private SpanKind kind = SpanKind.INTERNAL;
  private Object[] attributes;
  private int attributeCount;
  private SpanExtras extras; // links; null while there are none
  private long startEpochNanos;

  AiSpanBuilder(AiTracer tracer, String name) {
    this.tracer = tracer;
    this.name = name == null || name.isBlank() ? AiSpan.UNNAMED : name;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    if (context != null) {
      this.parent = context;
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    this.parent = Context.root();
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return addLink(spanContext, Attributes.empty());
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    if (spanContext == null || !spanContext.isValid()) {
      return this;
    }
    if (extras == null) {
      extras = new SpanExtras();
    }
    extras.addLink(spanContext, attributes, tracer.state);
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return key == null ? this : setAttribute(AttributeKey.stringKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return key == null ? this : setAttribute(AttributeKey.longKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return key == null ? this : setAttribute(AttributeKey.doubleKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return key == null ? this : setAttribute(AttributeKey.booleanKey(key), value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    if (key == null || value == null || key.getKey().isEmpty()) {
      return this;
    }
    if (attributes == null) {
      attributes = new Object[16];
    }
    for (int i = 0; i < attributeCount; i++) {
      if (FlatAttributes.sameKey(key, attributes[2 * i])) {
        attributes[2 * i + 1] = value;
        return this;
      }
    }
    if (2 * attributeCount + 1 >= attributes.length) {
      // By half: a request span's dozen attributes fit in 24 slots, where doubling would take 32.
      attributes = java.util.Arrays.copyOf(attributes, attributes.length + (attributes.length >> 2 << 1));
    }
    attributes[2 * attributeCount] = key;
    attributes[2 * attributeCount + 1] = value;
    attributeCount++;
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind != null) {
      this.kind = spanKind;
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    if (unit != null && startTimestamp > 0) {
      this.startEpochNanos = unit.toNanos(startTimestamp);
    }
    return this;
  }

  @Override
  public Span startSpan() {
    TracerState state = tracer.state;
    Context parentContext = parent != null ? parent : Context.current();
    Span parentSpan = Span.fromContext(parentContext);
    SpanContext parentSc = parentSpan.getSpanContext();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String traceId;
    TraceFlags flags;
    TraceState traceState;
    if (parentSc.isValid()) {
      traceId = parentSc.getTraceId();
      flags = parentSc.getTraceFlags();
      traceState = parentSc.getTraceState();
    } else {
      // A root span: take the trace id an incoming X-Trace-ID asked for, if any, else a random one.
      Optional<String> requested = RequestedTraceId.get(parentContext);
      traceId = requested.isPresent() ? requested.get() : randomTraceId(random);
      flags = TraceFlags.getSampled();
      traceState = TraceState.getDefault();
      parentSc = SpanContext.getInvalid();
    }
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    SpanContext context = SpanContexts.create(traceId, SpanId.fromLong(id), flags, traceState);
    // Spans of one trace in this process share their local root's time base; see RecordedSpan.
    long epochOffset;
    long start;
    if (parentSpan instanceof AiSpan) {
      epochOffset = ((AiSpan) parentSpan).epochOffsetNanos;
      start = startEpochNanos != 0 ? startEpochNanos : epochOffset + System.nanoTime();
    } else {
      Instant now = Instant.now();
      long nanoTime = System.nanoTime();
      long nowEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      epochOffset = nowEpochNanos - nanoTime;
      start = startEpochNanos != 0 ? startEpochNanos : nowEpochNanos;
    }

    Attribution attribution = Attribution.fromContext(parentContext);
    AiSpan span;
    if (attribution.isEmpty() && attributes != null && attributeCount <= state.limits.maxAttributes()) {
      // The common case: the builder's array becomes the span's, with no copy and no second lookup.
      // As in the OpenTelemetry SDK, the builder's attributes then belong to this span alone.
      int maxLength = state.limits.maxAttributeValueLength();
      for (int i = 0; i < attributeCount; i++) {
        attributes[2 * i + 1] =
            AttributeLimiter.limit((AttributeKey<?>) attributes[2 * i], attributes[2 * i + 1], maxLength, state);
      }
      span = new AiSpan(
          tracer, context, parentSc, name, kind, epochOffset, start, attributes, attributeCount, extras);
      attributes = null;
      attributeCount = 0;
    } else {
      int capacity = Math.max(8, attributeCount + attribution.attributeCount() + 4);
      span = new AiSpan(
          tracer, context, parentSc, name, kind, epochOffset, start, new Object[2 * capacity], 0, extras);
      if (!attribution.isEmpty()) {
        attribution.forEachAttribute(span::putAttribute);
      }
      for (int i = 0; i < attributeCount; i++) {
        span.putAttribute((AttributeKey<?>) attributes[2 * i], attributes[2 * i + 1]);
      }
    }
    extras = null; // the links now belong to the span, which guards them with its own lock
    try {
      state.processor.onStart(parentContext, span);
    } catch (AiTraceBlockedException e) {
      // A guard configured to block: record why on the span, end it, and let the application know.
      span.recordException(e);
      span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, e.getMessage());
      span.end();
      throw e;
    } catch (Throwable t) {
      dev.aitrace.internal.SelfLog.fault("SpanProcessor.onStart", t);
    }
    return span;
  }

  private static String randomTraceId(ThreadLocalRandom random) {
    long hi;
    long lo;
    do {
      hi = random.nextLong();
      lo = random.nextLong();
    } while (hi == 0 && lo == 0);
    return TraceId.fromLongs(hi, lo);
  }
}
