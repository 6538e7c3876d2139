/**
 * aitrace's implementation of the OpenTelemetry tracing API: {@link dev.aitrace.trace.AiTracerProvider}
 * hands out tracers whose spans are OpenTelemetry {@link io.opentelemetry.api.trace.Span}s, so
 * {@code Span.current()} and every OpenTelemetry-instrumented library see them as parents.
 */
package dev.aitrace.trace;
