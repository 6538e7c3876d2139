package dev.aitrace.export;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds {@link SpanExporterProvider}s by name through {@link ServiceLoader} and makes exporters from
 * them. Unknown names fail with a message listing the names that are known.
 */
public final class ExporterRegistry {
  private ExporterRegistry() {}

  /** All providers on the class path of {@code loader}, by name. */
  public static Map<String, SpanExporterProvider> providers(ClassLoader loader) {
    Map<String, SpanExporterProvider> byName = new TreeMap<>();
    for (SpanExporterProvider p : ServiceLoader.load(SpanExporterProvider.class, loader)) {
      byName.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
    }
    return byName;
  }

  /**
   * Makes the exporter called {@code name}.
   *
   * @param key the configuration key the name came from, for the error message
   * @throws IllegalArgumentException naming the key and the value if no provider has that name
   */
  public static SpanExporter create(
      String key, String name, Function<String, String> config, String serviceName) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    Map<String, SpanExporterProvider> providers = providers(ExporterRegistry.class.getClassLoader());
    SpanExporterProvider provider = providers.get(wanted);
    if (provider == null) {
      throw new IllegalArgumentException(
          key + " names an unknown exporter '" + name + "'; known exporters: " + providers.keySet());
    }
    return provider.create(config, serviceName);
  }
}
