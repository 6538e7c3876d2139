package dev.aitrace.benchmarks;

import dev.aitrace.AiTrace;
import dev.aitrace.servlet.TraceFilter;
import jakarta.servlet.Filter;

/** The filter in front of the hello servlet, by benchmark parameter, and what it needs to run. */
final class FilterSetup implements AutoCloseable {
  private final Filter filter;
  private final AutoCloseable resources;

  private FilterSetup(Filter filter, AutoCloseable resources) {
    this.filter = filter;
    this.resources = resources;
  }

  static FilterSetup create(String name) {
    if ("none".equals(name)) {
      return new FilterSetup(null, () -> {});
    }
    if ("aitrace".equals(name)) {
      // As an application would run it: defaults, batch processor, log correlation; no-op exporter.
      AiTrace aiTrace = AiTrace.builder()
          .serviceName("bench")
          .addExporter(new NoopExporters.Aitrace())
          .shutdownHook(false)
          .build();
      return new FilterSetup(TraceFilter.create(aiTrace), aiTrace);
    }
    throw new IllegalArgumentException("unknown filter: " + name);
  }

  /** The filter, or null for none. */
  Filter filter() {
    return filter;
  }

  @Override
  public void close() throws Exception {
    resources.close();
  }
}
