package dev.aitrace.export;

import java.util.function.Function;

/** Provides the {@code log} exporter, a {@link LoggingSpanExporter}. Found through {@link java.util.ServiceLoader}. */
public final class LoggingExporterProvider implements SpanExporterProvider {
  @Override
  public String name() {
    return "log";
  }

  @Override
  public SpanExporter create(Function<String, String> config, String serviceName) {
    return LoggingSpanExporter.create();
  }
}
