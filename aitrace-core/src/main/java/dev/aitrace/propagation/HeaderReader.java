package dev.aitrace.propagation;

import dev.aitrace.internal.SelfLog;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads every line of one header through a {@link TextMapGetter}, using {@code getAll} so that
 * repeated headers are seen as such (a getter without it yields one, possibly comma-joined, value).
 * A getter that throws or misbehaves reads as an absent header; the fault goes to {@link SelfLog}.
 */
final class HeaderReader {
  /** More lines than this of one header is an attack or a bug, never a valid header. */
  static final int MAX_LINES = 64;

  private HeaderReader() {}

  /**
   * The non-null lines of header {@code name}, in order; at most {@link #MAX_LINES} + 1, so a
   * caller can tell "too many" apart.
   */
  static <C> List<String> lines(C carrier, TextMapGetter<C> getter, String name) {
    try {
      Iterator<String> it = getter.getAll(carrier, name);
      if (it == null || !it.hasNext()) {
        return List.of();
      }
      List<String> lines = new ArrayList<>(2);
      // Bounded by lines read, not kept: an iterator yielding nulls forever must not hang us.
      for (int read = 0; read <= 4 * MAX_LINES && lines.size() <= MAX_LINES && it.hasNext(); read++) {
        String line = it.next();
        if (line != null) {
          lines.add(line);
        }
      }
      return lines;
    } catch (Throwable t) {
      SelfLog.fault("TextMapGetter.getAll(" + name + ")", t);
      return List.of();
    }
  }

  /** All lines joined with {@code ','}, as HTTP combines repeated fields; null when absent or too many. */
  static <C> String joined(C carrier, TextMapGetter<C> getter, String name) {
    List<String> lines = lines(carrier, getter, name);
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      return null;
    }
    return lines.size() == 1 ? lines.get(0) : String.join(",", lines);
  }
}
