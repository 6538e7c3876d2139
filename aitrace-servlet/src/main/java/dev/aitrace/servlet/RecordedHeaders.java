package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers the filter records as {@code http.request.header.<name>}. None by default.
 * Headers that carry credentials are refused outright, whoever asks: a trace is read by far more
 * people than a password should be. Immutable and thread-safe.
 */
final class RecordedHeaders {
  /** Never recorded. Compared in lower case. */
  static final Set<String> NEVER =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
          "x-auth-token", "x-csrf-token", "x-xsrf-token");

  /** Longest list of lines kept per header. */
  static final int MAX_LINES = 16;

  private static final RecordedHeaders NONE = new RecordedHeaders(Map.of());

  private final Map<String, AttributeKey<List<String>>> keys;

  private RecordedHeaders(Map<String, AttributeKey<List<String>>> keys) {
    this.keys = keys;
  }

  static RecordedHeaders none() {
    return NONE;
  }

  /**
   * @throws IllegalArgumentException naming the header when it is blank, not a header name, or one
   *     that carries credentials
   */
  static RecordedHeaders of(List<String> names) {
    if (names.isEmpty()) {
      return NONE;
    }
    Map<String, AttributeKey<List<String>>> keys = new LinkedHashMap<>();
    for (String raw : names) {
      String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !name.chars().allMatch(RecordedHeaders::isTokenChar)) {
        throw new IllegalArgumentException("recordRequestHeaders: not a header name: '" + raw + "'");
      }
      if (NEVER.contains(name)) {
        throw new IllegalArgumentException(
            "recordRequestHeaders: '" + raw + "' carries credentials and is never recorded");
      }
      keys.put(name, HttpAttributes.requestHeader(name));
    }
    return new RecordedHeaders(Map.copyOf(keys));
  }

  void put(SpanBuilder span, HttpServletRequest request) {
    for (Map.Entry<String, AttributeKey<List<String>>> entry : keys.entrySet()) {
      Enumeration<String> values = request.getHeaders(entry.getKey());
      if (values == null || !values.hasMoreElements()) {
        continue;
      }
      List<String> lines = new ArrayList<>(1);
      while (values.hasMoreElements() && lines.size() < MAX_LINES) {
        String value = values.nextElement();
        lines.add(value == null ? "" : RequestAttributes.bounded(value));
      }
      span.setAttribute(entry.getValue(), lines);
    }
  }

  List<String> names() {
    return List.copyOf(keys.keySet());
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
