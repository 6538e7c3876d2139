package dev.aitrace.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * Makes the exporters of a comma list such as {@code jsonl,otlp}; a name given twice makes one
   * exporter. If one of them cannot be made, those already made are shut down again.
   *
   * @param key the configuration key the list came from, for error messages
   * @throws IllegalArgumentException naming the key and the value for an empty or unknown name, or
   *     a provider's own message naming a bad setting
   */
  public static List<SpanExporter> createAll(
      String key, String names, Function<String, String> config, String serviceName) {
    Map<String, String> wanted = new LinkedHashMap<>(); // lower case -> as written
    for (String name : names.split(",", -1)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException(key + " has an empty name: '" + names + "'");
      }
      wanted.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name.trim());
    }
    List<SpanExporter> made = new ArrayList<>(wanted.size());
    try {
      for (String name : wanted.values()) {
        made.add(create(key, name, config, serviceName));
      }
      return made;
    } catch (RuntimeException e) {
      for (SpanExporter exporter : made) {
        try {
          exporter.shutdown();
        } catch (RuntimeException ignored) {
          // the configuration error is what the caller needs to see
        }
      }
      throw e;
    }
  }
}
