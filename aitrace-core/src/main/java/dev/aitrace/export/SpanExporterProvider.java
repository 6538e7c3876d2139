package dev.aitrace.export;

import java.util.function.Function;

/**
 * Makes a {@link SpanExporter} by name, so that {@code AITRACE_EXPORTERS=otlp,jsonl} can pick
 * exporters without code. Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/dev.aitrace.export.SpanExporterProvider}.
 */
public interface SpanExporterProvider {
  /** The name used in {@code AITRACE_EXPORTERS}, lower case, such as {@code otlp}. */
  String name();

  /**
   * Makes the exporter from configuration. {@code config} answers configuration keys such as
   * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (system properties first, then environment variables),
   * returning {@code null} for keys that are not set.
   *
   * @throws IllegalArgumentException naming the key and the value when a value is invalid
   */
  SpanExporter create(Function<String, String> config, String serviceName);
}
