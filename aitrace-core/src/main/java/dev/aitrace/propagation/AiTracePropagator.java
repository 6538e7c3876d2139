package dev.aitrace.propagation;

import dev.aitrace.Attribution;
import dev.aitrace.internal.RequestedTraceId;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The propagator aitrace uses everywhere: W3C {@code traceparent}, {@code tracestate} and {@code
 * baggage}, with {@code X-Trace-ID} as a fallback on the way in and always written on the way out.
 * Strict on input, so that a malformed header starts a new trace and is never echoed. Stateless and
 * thread-safe; it never throws, whatever the carrier, getter or setter do (faults go to {@link
 * SelfLog}).
 *
 * <pre>{@code
 * TextMapPropagator propagator = AiTracePropagator.create();
 * Context incoming = propagator.extract(Context.root(), request, getter);
 * try (Scope scope = incoming.makeCurrent()) {
 *   // spans started here continue the caller's trace and carry its Attribution
 * }
 * propagator.inject(Context.current(), outgoing, setter);
 * }</pre>
 *
 * <p><b>Extract.</b>
 *
 * <ul>
 *   <li>{@code traceparent}: parsed strictly (see the W3C Trace Context specification); exactly one
 *       header line is accepted, two or more mean "invalid" and a new trace. A valid one becomes the
 *       remote parent; future versions are read as the specification says and written back as
 *       {@code 00}.
 *   <li>{@code tracestate}: read only together with a valid {@code traceparent}; all lines joined.
 *       An invalid list (more than 32 members, a bad key or value, a repeated key) is dropped while
 *       the {@code traceparent} is kept; a list over 512 characters is cut by whole members from the
 *       end, members over 128 characters first.
 *   <li>{@code X-Trace-ID}: only when there is no valid {@code traceparent}. A valid id (32
 *       lowercase hex, not all zero, one header line) makes the next root span started in the
 *       returned context use it as trace id; there is no parent span.
 *   <li>{@code baggage}: members become OpenTelemetry {@link Baggage}; invalid members are dropped,
 *       members after the 180th are dropped, a header over 8192 bytes is ignored. Members whose key
 *       is an {@link Attribution} key ({@code aitrace.user.id}, {@code session.id}, {@code
 *       aitrace.task.id}, {@code gen_ai.agent.name}, {@code aitrace.tenant.id}, {@code
 *       aitrace.budget.category}, {@code aitrace.tag.*}) also become the context's attribution, so the
 *       receiving service's spans carry them.
 * </ul>
 *
 * <p>When nothing valid is found the given context is returned unchanged.
 *
 * <p><b>Inject.</b> With a valid span in the context: {@code traceparent} (version {@code 00}),
 * {@code tracestate} when not empty, and {@code X-Trace-ID}. Without one, {@code X-Trace-ID} only
 * when an incoming one is still waiting for its root span. Always {@code baggage}: the context's
 * baggage with the current attribution over it (attribution values win), percent-encoded, within the
 * W3C limits.
 */
public final class AiTracePropagator implements TextMapPropagator {
  private static final AiTracePropagator INSTANCE = new AiTracePropagator();
  private static final String TRACE_ID_HEADER_LOWER_CASE = TraceIdHeader.NAME.toLowerCase(Locale.ROOT);
  private static final List<String> FIELDS =
      List.of(TraceParent.NAME, TraceStateCodec.NAME, BaggageCodec.NAME, TraceIdHeader.NAME);

  private AiTracePropagator() {}

  /** The propagator; one stateless instance serves the whole JVM. */
  public static AiTracePropagator create() {
    return INSTANCE;
  }

  /** {@code traceparent}, {@code tracestate}, {@code baggage} and {@code X-Trace-ID}. */
  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context result = context == null ? Context.root() : context;
    if (getter == null) {
      return result;
    }
    try {
      result = extractTrace(result, carrier, getter);
    } catch (Throwable t) {
      SelfLog.fault("AiTracePropagator.extract(trace)", t);
    }
    try {
      result = extractBaggage(result, carrier, getter);
    } catch (Throwable t) {
      SelfLog.fault("AiTracePropagator.extract(baggage)", t);
    }
    return result;
  }

  private static <C> Context extractTrace(Context context, C carrier, TextMapGetter<C> getter) {
    List<String> parents = HeaderReader.lines(carrier, getter, TraceParent.NAME);
    if (parents.size() == 1) {
      SpanContext remote = TraceParent.parse(parents.get(0), TraceState.getDefault());
      if (remote.isValid()) {
        TraceState state = TraceStateCodec.parse(HeaderReader.joined(carrier, getter, TraceStateCodec.NAME));
        if (!state.isEmpty()) {
          remote = SpanContext.createFromRemoteParent(
              remote.getTraceId(), remote.getSpanId(), remote.getTraceFlags(), state);
        }
        return context.with(Span.wrap(remote));
      }
    }
    List<String> ids = HeaderReader.lines(carrier, getter, TraceIdHeader.NAME);
    if (ids.isEmpty()) {
      ids = HeaderReader.lines(carrier, getter, TRACE_ID_HEADER_LOWER_CASE);
    }
    if (ids.size() == 1) {
      Optional<String> id = TraceIdHeader.parse(ids.get(0));
      if (id.isPresent()) {
        return RequestedTraceId.with(context, id.get());
      }
    }
    return context;
  }

  private static <C> Context extractBaggage(Context context, C carrier, TextMapGetter<C> getter) {
    Baggage baggage = BaggageCodec.parse(HeaderReader.joined(carrier, getter, BaggageCodec.NAME));
    if (baggage.isEmpty()) {
      return context;
    }
    Attribution.Builder attribution = Attribution.builder();
    baggage.forEach((key, entry) -> attribution.set(key, entry.getValue()));
    Attribution found = attribution.build();
    Context result = context.with(baggage);
    return found.isEmpty() ? result : result.with(found);
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    try {
      SpanContext span = Span.fromContext(context).getSpanContext();
      if (span.isValid()) {
        set(setter, carrier, TraceParent.NAME, TraceParent.format(span));
        String state = TraceStateCodec.format(span.getTraceState());
        if (!state.isEmpty()) {
          set(setter, carrier, TraceStateCodec.NAME, state);
        }
        set(setter, carrier, TraceIdHeader.NAME, span.getTraceId());
      } else {
        RequestedTraceId.get(context).ifPresent(id -> set(setter, carrier, TraceIdHeader.NAME, id));
      }
    } catch (Throwable t) {
      SelfLog.fault("AiTracePropagator.inject(trace)", t);
    }
    try {
      String baggage = BaggageCodec.format(outgoingBaggage(context));
      if (!baggage.isEmpty()) {
        set(setter, carrier, BaggageCodec.NAME, baggage);
      }
    } catch (Throwable t) {
      SelfLog.fault("AiTracePropagator.inject(baggage)", t);
    }
  }

  /** The context's baggage with its attribution over it, in key order. */
  private static Map<String, BaggageCodec.Entry> outgoingBaggage(Context context) {
    Map<String, BaggageCodec.Entry> entries = new TreeMap<>();
    Baggage.fromContext(context).forEach(
        (key, entry) -> entries.put(
            key, new BaggageCodec.Entry(entry.getValue(), entry.getMetadata().getValue())));
    Attribution.fromContext(context).forEachAttribute(
        (key, value) -> entries.put(key.getKey(), new BaggageCodec.Entry(value, "")));
    return entries;
  }

  private static <C> void set(TextMapSetter<C> setter, C carrier, String key, String value) {
    try {
      setter.set(carrier, key, value);
    } catch (Throwable t) {
      SelfLog.fault("TextMapSetter.set(" + key + ")", t);
    }
  }

  @Override
  public String toString() {
    return "AiTracePropagator{traceparent, tracestate, baggage, X-Trace-ID}";
  }
}
