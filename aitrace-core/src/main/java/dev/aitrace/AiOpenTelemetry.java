package dev.aitrace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/** An OpenTelemetry API facade whose traces are recorded by aitrace; metrics and logs are no-op. */
final class AiOpenTelemetry implements OpenTelemetry {
  private final TracerProvider tracerProvider;
  private final ContextPropagators propagators;

  AiOpenTelemetry(TracerProvider tracerProvider, ContextPropagators propagators) {
    this.tracerProvider = tracerProvider;
    this.propagators = propagators;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return tracerProvider;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }

  @Override
  public String toString() {
    return "AiOpenTelemetry{" + tracerProvider + "}";
  }
}
