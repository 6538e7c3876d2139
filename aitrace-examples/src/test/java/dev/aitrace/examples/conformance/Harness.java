package dev.aitrace.examples.conformance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of the conformance protocol, as the W3C harness runs it: records each callback
 * the service makes (every header line, in order, and the body) and answers {@code null}.
 */
final class Harness implements AutoCloseable {
  /** One callback: header lines as (name, value) pairs, and the JSON body. */
  record Callback(String path, List<Map.Entry<String, String>> headers, String body) {
    List<String> values(String name) {
      List<String> values = new ArrayList<>();
      for (Map.Entry<String, String> header : headers) {
        if (header.getKey().equalsIgnoreCase(name)) {
          values.add(header.getValue());
        }
      }
      return values;
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();

  Harness() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/callback/", exchange -> {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      callbacks.add(new Callback(exchange.getRequestURI().getPath(), headers, body));
      byte[] answer = "null".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  String url(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback/" + id;
  }

  /** The callbacks made so far, waiting up to 10 seconds for each of {@code count}. */
  List<Callback> take(int count) throws InterruptedException {
    List<Callback> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Callback callback = callbacks.poll(10, TimeUnit.SECONDS);
      if (callback == null) {
        throw new AssertionError("expected callback " + (i + 1) + " of " + count + ", got " + taken);
      }
      taken.add(callback);
    }
    return taken;
  }

  /** Callbacks that arrived and were not taken. */
  List<Callback> remaining() {
    List<Callback> rest = new ArrayList<>();
    callbacks.drainTo(rest);
    return rest;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
