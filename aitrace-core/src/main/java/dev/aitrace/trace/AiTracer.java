package dev.aitrace.trace;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** An OpenTelemetry {@link Tracer} whose spans are recorded by aitrace. Thread-safe. */
final class AiTracer implements Tracer {
  // Read by the spans and span builders of this tracer, which keep one reference instead of three.
  final TracerState state;
  final String scopeName;
  final String scopeVersion;

  AiTracer(TracerState state, String scopeName, String scopeVersion) {
    this.state = state;
    this.scopeName = scopeName;
    this.scopeVersion = scopeVersion;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    if (state.shutdown) {
      return io.opentelemetry.api.trace.TracerProvider.noop().get(scopeName).spanBuilder(spanName);
    }
    return new AiSpanBuilder(this, spanName);
  }
}
