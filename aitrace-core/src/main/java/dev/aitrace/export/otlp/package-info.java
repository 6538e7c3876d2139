/**
 * The OTLP/HTTP JSON exporter: {@link dev.aitrace.export.otlp.OtlpHttpSpanExporter}, the encoder it
 * uses ({@link dev.aitrace.export.otlp.OtlpJsonEncoder}) and the {@code otlp} provider.
 */
package dev.aitrace.export.otlp;
