package dev.aitrace.export.otlp;

import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanExporterProvider;
import java.util.function.Function;

/**
 * Provides the {@code otlp} exporter, an {@link OtlpHttpSpanExporter} configured from the {@code
 * OTEL_EXPORTER_OTLP_*} keys (see {@link OtlpHttpSpanExporterBuilder#fromConfig}). Found through
 * {@link java.util.ServiceLoader}.
 */
public final class OtlpExporterProvider implements SpanExporterProvider {
  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public SpanExporter create(Function<String, String> config, String serviceName) {
    return OtlpHttpSpanExporter.builder().fromConfig(config).build();
  }
}
