package dev.aitrace.propagation;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** HTTP-like headers for tests: ordered, repeatable, names without case, as a servlet request has. */
final class HeaderCarrier {
  static final TextMapGetter<HeaderCarrier> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HeaderCarrier carrier) {
          List<String> names = new ArrayList<>();
          carrier.lines.forEach(l -> names.add(l[0]));
          return names;
        }

        @Override
        public String get(HeaderCarrier carrier, String key) {
          List<String> values = carrier.all(key);
          return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Iterator<String> getAll(HeaderCarrier carrier, String key) {
          return carrier.all(key).iterator();
        }
      };

  /** A getter that only has {@code get}: repeated lines arrive comma-joined, as some servers do. */
  static final TextMapGetter<HeaderCarrier> JOINING_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HeaderCarrier carrier) {
          return GETTER.keys(carrier);
        }

        @Override
        public String get(HeaderCarrier carrier, String key) {
          List<String> values = carrier.all(key);
          return values.isEmpty() ? null : String.join(",", values);
        }
      };

  static final TextMapSetter<HeaderCarrier> SETTER = (carrier, key, value) -> carrier.set(key, value);

  private final List<String[]> lines = new ArrayList<>();

  static HeaderCarrier of(String... namesAndValues) {
    HeaderCarrier carrier = new HeaderCarrier();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      carrier.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return carrier;
  }

  HeaderCarrier add(String name, String value) {
    lines.add(new String[] {name, value});
    return this;
  }

  void set(String name, String value) {
    lines.removeIf(l -> l[0].equalsIgnoreCase(name));
    add(name, value);
  }

  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String[] l : lines) {
      if (l[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        values.add(l[1]);
      }
    }
    return values;
  }

  String get(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? null : String.join(",", values);
  }

  /** Every header line as {@code name: value}, for "nothing echoed" checks. */
  String dump() {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l[0]).append(": ").append(l[1]).append('\n'));
    return sb.toString();
  }
}
