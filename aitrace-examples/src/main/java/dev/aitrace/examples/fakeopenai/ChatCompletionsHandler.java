package dev.aitrace.examples.fakeopenai;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: a {@code chat.completion} object, or with {@code "stream":
 * true} server-sent events of {@code chat.completion.chunk} objects ending in {@code data: [DONE]},
 * with a usage chunk before it when {@code stream_options.include_usage} is set.
 */
final class ChatCompletionsHandler implements HttpHandler {
  /** What the API answers for an alias: the dated snapshot it currently points to. */
  private static final Map<String, String> SNAPSHOTS = Map.of(
      "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
      "gpt-4o", "gpt-4o-2024-08-06",
      "gpt-4.1", "gpt-4.1-2025-04-14",
      "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
      "gpt-4.1-nano", "gpt-4.1-nano-2025-04-14",
      "o3-mini", "o3-mini-2025-01-31",
      "o4-mini", "o4-mini-2025-04-16");
  private static final int CHUNK_CHARS = 14;

  private final JsonFactory jsonFactory;
  private final ChatJson json;
  private final ReplyScripts scripts;
  private final TokenCounter counter;
  private final RateLimits limits;
  private final long firstTokenMillis;
  private final long chunkMillis;

  ChatCompletionsHandler(JsonFactory jsonFactory, TokenCounter counter, RateLimits limits,
      long firstTokenMillis, long chunkMillis) {
    this.jsonFactory = jsonFactory;
    this.json = new ChatJson(jsonFactory);
    this.scripts = new ReplyScripts(jsonFactory);
    this.counter = counter;
    this.limits = limits;
    this.firstTokenMillis = firstTokenMillis;
    this.chunkMillis = chunkMillis;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!Exchanges.accept(exchange, json)) {
        return;
      }
      ChatRequest request;
      try {
        request = ChatRequest.parse(jsonFactory, Exchanges.readBody(exchange));
      } catch (IOException e) {
        Exchanges.sendJson(exchange, 400, json.error("We could not parse the JSON body of your request: "
            + e.getMessage(), "invalid_request_error", null));
        return;
      }
      exchange.getResponseHeaders().set("x-request-id", Exchanges.nextId("req_", 32));
      exchange.getResponseHeaders().set("openai-version", "2020-10-01");
      if (limits.throttle()) {
        limits.addHeaders(exchange.getResponseHeaders(), 0);
        limits.addRetryAfter(exchange.getResponseHeaders());
        Exchanges.sendJson(exchange, 429, json.error("Rate limit reached for " + request.model()
            + " on requests per min (RPM): Limit " + RateLimits.LIMIT_REQUESTS + ". Please try again shortly.",
            "requests", "rate_limit_exceeded"));
        return;
      }
      ChatReply reply = scripts.reply(request);
      TokenCounter.Usage usage = counter.chat(request, reply);
      limits.consumed(usage.totalTokens());
      limits.addHeaders(exchange.getResponseHeaders(), usage.totalTokens());
      ChatJson.Head head = new ChatJson.Head(Exchanges.nextId("chatcmpl-", 29),
          System.currentTimeMillis() / 1000, SNAPSHOTS.getOrDefault(request.model(), request.model()),
          "fp_" + Integer.toHexString(request.model().hashCode() & 0xfffffff));
      List<String> pieces = pieces(reply.content());
      exchange.getResponseHeaders().set("openai-processing-ms",
          Long.toString(firstTokenMillis + chunkMillis * pieces.size()));
      if (request.stream()) {
        stream(exchange, request, head, reply, pieces, usage);
      } else {
        Exchanges.pause(firstTokenMillis + chunkMillis * pieces.size());
        Exchanges.sendJson(exchange, 200, json.completion(head, reply, usage));
      }
    }
  }

  private void stream(HttpExchange exchange, ChatRequest request, ChatJson.Head head, ChatReply reply,
      List<String> pieces, TokenCounter.Usage usage) throws IOException {
    boolean usageNull = request.includeUsage();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    Exchanges.pause(firstTokenMillis);
    event(out, json.chunk(head, "assistant", reply.isToolCall() ? null : "", null, null, usageNull));
    if (reply.isToolCall()) {
      event(out, json.chunk(head, null, null, reply, null, usageNull));
    }
    for (String piece : pieces) {
      Exchanges.pause(chunkMillis);
      event(out, json.chunk(head, null, piece, null, null, usageNull));
    }
    event(out, json.chunk(head, null, null, null, reply.finishReason(), usageNull));
    if (request.includeUsage()) {
      event(out, json.usageChunk(head, usage));
    }
    event(out, "[DONE]".getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  private static void event(OutputStream out, byte[] data) throws IOException {
    out.write("data: ".getBytes(StandardCharsets.UTF_8));
    out.write(data);
    out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Splits text into stream pieces of about {@value #CHUNK_CHARS} characters, at spaces. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK_CHARS);
      int space = text.indexOf(' ', end);
      end = space < 0 || space - start > 2 * CHUNK_CHARS ? Math.min(text.length(), Math.max(end, start + 1)) : space + 1;
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }
}
