package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import io.opentelemetry.api.trace.SpanBuilder;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the HTTP server semantic-convention attributes of a request onto a span builder. Every value
 * taken from the client is bounded in length; nothing here throws on odd input.
 */
final class RequestAttributes {
  /** Longest value kept from a client-controlled string (user agent, forwarded address, method). */
  static final int MAX_CLIENT_VALUE = 512;

  private RequestAttributes() {}

  /** The method part of the span name: the method, or {@code HTTP} when it is not a known one. */
  static String spanNameMethod(String method) {
    String known = HttpAttributes.knownMethod(method);
    return HttpAttributes.OTHER_METHOD.equals(known) ? "HTTP" : known;
  }

  static void put(SpanBuilder span, HttpServletRequest request, boolean captureQuery) {
    String method = request.getMethod();
    String normalized = HttpAttributes.knownMethod(method);
    span.setAttribute(HttpAttributes.REQUEST_METHOD, normalized);
    if (HttpAttributes.OTHER_METHOD.equals(normalized) && method != null) {
      span.setAttribute(HttpAttributes.REQUEST_METHOD_ORIGINAL, bounded(method));
    }
    span.setAttribute(HttpAttributes.URL_PATH, request.getRequestURI());
    span.setAttribute(HttpAttributes.URL_SCHEME, request.getScheme());
    if (captureQuery) {
      String query = request.getQueryString();
      if (query != null && !query.isEmpty()) {
        span.setAttribute(HttpAttributes.URL_QUERY, HttpAttributes.redactQuery(query));
      }
    }
    span.setAttribute(HttpAttributes.SERVER_ADDRESS, request.getServerName());
    int serverPort = request.getServerPort();
    if (serverPort > 0) {
      span.setAttribute(HttpAttributes.SERVER_PORT, (long) serverPort);
    }
    String peer = request.getRemoteAddr();
    span.setAttribute(HttpAttributes.CLIENT_ADDRESS, clientAddress(request, peer));
    span.setAttribute(HttpAttributes.NETWORK_PEER_ADDRESS, peer);
    int peerPort = request.getRemotePort();
    if (peerPort > 0) {
      span.setAttribute(HttpAttributes.NETWORK_PEER_PORT, (long) peerPort);
    }
    String userAgent = request.getHeader("User-Agent");
    if (userAgent != null) {
      span.setAttribute(HttpAttributes.USER_AGENT_ORIGINAL, bounded(userAgent));
    }
    String version = protocolVersion(request.getProtocol());
    if (version != null) {
      span.setAttribute(HttpAttributes.NETWORK_PROTOCOL_VERSION, version);
    }
  }

  /** {@code HTTP/1.1} gives {@code 1.1}; {@code HTTP/2.0} gives {@code 2}, as the conventions spell it. */
  static String protocolVersion(String protocol) {
    if ("HTTP/1.1".equals(protocol)) {
      return "1.1"; // nearly every request: no substring
    }
    if (protocol == null || !protocol.startsWith("HTTP/") || protocol.length() == 5) {
      return null;
    }
    String version = protocol.substring(5);
    return version.endsWith(".0") && !version.equals("1.0") ? version.substring(0, version.length() - 2) : version;
  }

  /**
   * The original client: the first {@code for=} of {@code Forwarded}, else the first element of
   * {@code X-Forwarded-For}, else the TCP peer. Proxies can be lied to, so this is a label for
   * humans, never an input to access decisions.
   */
  static String clientAddress(HttpServletRequest request, String peer) {
    String forwarded = request.getHeader("Forwarded");
    if (forwarded != null) {
      for (String element : forwarded.split("[,;]")) {
        String pair = element.strip();
        if (pair.regionMatches(true, 0, "for=", 0, 4)) {
          String value = unquote(pair.substring(4));
          if (!value.isEmpty()) {
            return bounded(value);
          }
        }
      }
    }
    String xff = request.getHeader("X-Forwarded-For");
    if (xff != null) {
      int comma = xff.indexOf(',');
      String first = (comma < 0 ? xff : xff.substring(0, comma)).strip();
      if (!first.isEmpty()) {
        return bounded(first);
      }
    }
    return peer;
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      v = v.substring(1, v.length() - 1);
    }
    // [2001:db8::1]:4711 -> 2001:db8::1 ; 192.0.2.60:4711 -> 192.0.2.60
    if (v.startsWith("[")) {
      int end = v.indexOf(']');
      return end > 0 ? v.substring(1, end) : v;
    }
    int colon = v.indexOf(':');
    return colon > 0 && colon == v.lastIndexOf(':') ? v.substring(0, colon) : v;
  }

  static String bounded(String value) {
    return value.length() <= MAX_CLIENT_VALUE ? value : value.substring(0, MAX_CLIENT_VALUE);
  }
}
