package dev.aitrace.export;

import java.util.function.Function;

/** Provides the {@code none} exporter, which exports nothing. Found through {@link java.util.ServiceLoader}. */
public final class NoneExporterProvider implements SpanExporterProvider {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public SpanExporter create(Function<String, String> config, String serviceName) {
    return SpanExporter.noop();
  }
}
