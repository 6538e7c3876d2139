package dev.aitrace.export;

import java.util.function.Function;

/** Provides the {@code memory} exporter, an {@link InMemorySpanExporter}. Found through {@link java.util.ServiceLoader}. */
public final class MemoryExporterProvider implements SpanExporterProvider {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public SpanExporter create(Function<String, String> config, String serviceName) {
    return InMemorySpanExporter.create();
  }
}
