package dev.aitrace.examples.fakeopenai;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** What every endpoint of the fake does with an exchange: checks, ids, JSON and error answers. */
final class Exchanges {
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final AtomicLong SEQUENCE = new AtomicLong(0x5eed_0000L);

  private Exchanges() {}

  /** A request id in OpenAI's shape; sequential, so runs are reproducible. */
  static String nextId(String prefix, int hexDigits) {
    String hex = Long.toHexString(SEQUENCE.incrementAndGet());
    return prefix + "0".repeat(Math.max(0, hexDigits - hex.length())) + hex;
  }

  /** Answers 405/401 and returns false unless the request is a POST with a bearer token. */
  static boolean accept(HttpExchange exchange, ChatJson json) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      sendJson(exchange, 405, json.error("Method " + exchange.getRequestMethod() + " not allowed",
          "invalid_request_error", null));
      return false;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.toLowerCase(Locale.ROOT).startsWith("bearer ") || auth.length() <= 7) {
      sendJson(exchange, 401, json.error("You didn't provide an API key. You need to provide your API"
          + " key in an Authorization header using Bearer auth.", "invalid_request_error", null));
      return false;
    }
    return true;
  }

  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IOException("request body larger than " + MAX_BODY + " bytes");
      }
      return body;
    }
  }

  static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sleeps for the simulated model latency; an interrupt ends the wait early and is kept. */
  static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
