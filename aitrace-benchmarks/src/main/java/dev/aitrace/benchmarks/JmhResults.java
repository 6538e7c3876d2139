package dev.aitrace.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results of one JMH run, read from its {@code -rf json} file. */
final class JmhResults {
  /** One benchmark's score, or one of its secondary metrics. */
  record Metric(double score, double error, String unit) {}

  /** One benchmark run: its name without the package, its parameters and its metrics. */
  record Result(String name, String mode, int threads, Map<String, String> params, Metric primary,
      Map<String, Metric> secondary, String jdk, String vm) {}

  private final List<Result> results;

  private JmhResults(List<Result> results) {
    this.results = results;
  }

  static JmhResults read(Path json) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(Files.newInputStream(json))) {
      Object tree = value(parser, parser.nextToken());
      List<Result> results = new ArrayList<>();
      for (Object entry : (List<?>) tree) {
        results.add(result((Map<?, ?>) entry));
      }
      return new JmhResults(results);
    }
  }

  List<Result> all() {
    return results;
  }

  /** The run of {@code name} ({@code Class.method}) whose parameters include {@code params}. */
  Optional<Result> find(String name, Map<String, String> params) {
    return results.stream()
        .filter(r -> r.name().equals(name) && r.params().entrySet().containsAll(params.entrySet()))
        .findFirst();
  }

  Optional<Result> find(String name) {
    return find(name, Map.of());
  }

  private static Result result(Map<?, ?> m) {
    String benchmark = (String) m.get("benchmark");
    String[] parts = benchmark.split("\\.");
    String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
    Map<String, String> params = new LinkedHashMap<>();
    Object p = m.get("params");
    if (p instanceof Map<?, ?> map) {
      map.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
    }
    Map<String, Metric> secondary = new LinkedHashMap<>();
    Object s = m.get("secondaryMetrics");
    if (s instanceof Map<?, ?> map) {
      map.forEach((k, v) -> secondary.put(String.valueOf(k), metric((Map<?, ?>) v)));
    }
    return new Result(name, (String) m.get("mode"), ((Number) m.get("threads")).intValue(), params,
        metric((Map<?, ?>) m.get("primaryMetric")), secondary,
        String.valueOf(m.get("jdkVersion")), m.get("vmName") + " " + m.get("vmVersion"));
  }

  private static Metric metric(Map<?, ?> m) {
    return new Metric(number(m.get("score")), number(m.get("scoreError")), String.valueOf(m.get("scoreUnit")));
  }

  private static double number(Object o) {
    // JMH writes "NaN" as a string when a score has no error estimate
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Reads the value starting at {@code token} into maps, lists, strings, numbers and booleans. */
  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          map.put(field, value(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(parser, next));
        }
        return list;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token + " at " + parser.currentLocation());
    }
  }
}
