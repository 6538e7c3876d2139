/**
 * The bridge to OpenTelemetry SDK exporters: {@link dev.aitrace.export.otel.OtelSpanExporterAdapter}.
 * Only usable with {@code io.opentelemetry:opentelemetry-sdk-trace} on the class path.
 */
package dev.aitrace.export.otel;
