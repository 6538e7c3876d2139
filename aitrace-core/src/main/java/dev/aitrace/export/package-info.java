/**
 * The span pipeline: the immutable {@link dev.aitrace.export.SpanRecord} a span becomes when it ends,
 * the {@link dev.aitrace.export.SpanProcessor} and {@link dev.aitrace.export.SpanExporter} extension
 * points, the batching exporter, and the built-in exporters.
 */
package dev.aitrace.export;
