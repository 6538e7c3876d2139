package dev.aitrace.servlet;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * Reads propagation headers from a servlet request, seeing every line of a repeated header.
 * {@link #getAll} gives each line; {@link #get} joins the lines with commas, as HTTP defines a
 * repeated field to mean, so a propagator that reads one value still sees two {@code traceparent}
 * lines (an invalid value: the trace restarts) and every {@code tracestate} and {@code baggage}
 * line. Empty lines are skipped: they add no member to a list. Stateless and thread-safe.
 */
final class RequestHeaderGetter implements TextMapGetter<HttpServletRequest> {
  static final RequestHeaderGetter INSTANCE = new RequestHeaderGetter();

  private RequestHeaderGetter() {}

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    Enumeration<String> names = request.getHeaderNames();
    return names == null ? Collections.emptyList() : Collections.list(names);
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    if (request == null || key == null) {
      return null;
    }
    if (request.getHeader(key) == null) {
      return null;
    }
    Enumeration<String> values = request.getHeaders(key);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    StringBuilder joined = new StringBuilder(first == null ? "" : first);
    while (values.hasMoreElements()) {
      String next = values.nextElement();
      if (next == null || next.isEmpty()) {
        continue;
      }
      if (joined.length() > 0) {
        joined.append(',');
      }
      joined.append(next);
    }
    return joined.toString();
  }

  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    if (request == null || key == null) {
      return Collections.emptyIterator();
    }
    if (request.getHeader(key) == null) {
      // The common case: most propagation headers are absent, and containers find that out without
      // the enumeration getHeaders allocates.
      return Collections.emptyIterator();
    }
    Enumeration<String> values = request.getHeaders(key);
    if (values == null) {
      return Collections.emptyIterator();
    }
    List<String> all = new ArrayList<>(2);
    while (values.hasMoreElements()) {
      String value = values.nextElement();
      if (value != null && !value.isEmpty()) {
        all.add(value);
      }
    }
    return all.iterator();
  }
}
