package dev.aitrace.benchmarks;

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
