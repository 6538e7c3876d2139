package dev.aitrace.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads configuration keys the way OpenTelemetry does: {@code OTEL_EXPORTER_OTLP_ENDPOINT} is looked
 * up as the system property {@code otel.exporter.otlp.endpoint}, then as an environment variable. A
 * blank value counts as unset.
 */
public final class Config {
  private Config() {}

  /** System properties first, then environment variables. */
  public static Function<String, String> systemAndEnvironment() {
    return key -> lookup(key, System.getProperties()::getProperty, System.getenv());
  }

  /** Only the given map: for tests, and for applications that hold configuration themselves. */
  public static Function<String, String> of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return key -> blankToNull(copy.get(key));
  }

  private static String lookup(String key, Function<String, String> properties, Map<String, String> env) {
    String value = blankToNull(properties.apply(key.toLowerCase(Locale.ROOT).replace('_', '.')));
    if (value == null) {
      value = blankToNull(properties.apply(key));
    }
    if (value == null) {
      value = blankToNull(env.get(key));
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Parses a non-negative integer, or fails naming the key and the value. */
  public static int nonNegativeInt(String key, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(key + " must be a non-negative integer, was '" + value + "'");
  }

  /** Parses a positive integer, or fails naming the key and the value. */
  public static int positiveInt(String key, String value) {
    int parsed = nonNegativeInt(key, value);
    if (parsed == 0) {
      throw new IllegalArgumentException(key + " must be a positive integer, was '" + value + "'");
    }
    return parsed;
  }

  /** Parses a boolean ({@code true}/{@code false}, any case), or fails naming the key and the value. */
  public static boolean bool(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
  }
}
