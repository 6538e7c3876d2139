package dev.aitrace.benchmarks;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process openai-java {@link HttpClient} that answers every request with one canned chat
 * completion, as JSON or as a server-sent event stream. It serializes the request body, as a real
 * transport would, and discards it; nothing touches the network, so a benchmark over it measures the
 * client and its instrumentation alone. Thread-safe.
 */
final class FakeOpenAiHttpClient implements HttpClient {
  static final String COMPLETION_JSON = """
      {"id":"chatcmpl-bench01","object":"chat.completion","created":1733300000,
       "model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_bench",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France.",
         "refusal":null},"logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":24,"completion_tokens":8,"total_tokens":32,
         "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
         "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
           "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}
      """;

  static final String COMPLETION_SSE = chunks(
      "{\"role\":\"assistant\",\"content\":\"\"}", "{\"content\":\"Paris\"}", "{\"content\":\" is\"}",
      "{\"content\":\" the capital\"}", "{\"content\":\" of France.\"}");

  private final byte[] body;
  private final Headers headers;

  private FakeOpenAiHttpClient(String body, String contentType) {
    this.body = body.getBytes(StandardCharsets.UTF_8);
    this.headers = Headers.builder()
        .put("content-type", contentType)
        .put("x-request-id", "req_bench")
        .put("openai-processing-ms", "120")
        .build();
  }

  /** Answers with {@link #COMPLETION_JSON}. */
  static FakeOpenAiHttpClient completion() {
    return new FakeOpenAiHttpClient(COMPLETION_JSON, "application/json");
  }

  /** Answers with {@link #COMPLETION_SSE}: five content chunks, a usage chunk and {@code [DONE]}. */
  static FakeOpenAiHttpClient stream() {
    return new FakeOpenAiHttpClient(COMPLETION_SSE, "text/event-stream");
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
    HttpRequestBody requestBody = request.body();
    if (requestBody != null) {
      requestBody.writeTo(OutputStream.nullOutputStream());
    }
    return new Response();
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
    return CompletableFuture.completedFuture(execute(request, requestOptions));
  }

  @Override
  public void close() {}

  private static String chunks(String... deltas) {
    StringBuilder sse = new StringBuilder();
    String head = "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion.chunk\",\"created\":1733300000,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",";
    for (int i = 0; i < deltas.length; i++) {
      String finish = i == deltas.length - 1 ? "\"stop\"" : "null";
      sse.append("data: ").append(head)
          .append("\"choices\":[{\"index\":0,\"delta\":").append(deltas[i])
          .append(",\"logprobs\":null,\"finish_reason\":").append(finish).append("}]}\n\n");
    }
    sse.append("data: ").append(head).append("\"choices\":[],\"usage\":{\"prompt_tokens\":24,")
        .append("\"completion_tokens\":8,\"total_tokens\":32,\"prompt_tokens_details\":{\"cached_tokens\":0},")
        .append("\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
    sse.append("data: [DONE]\n\n");
    return sse.toString();
  }

  private final class Response implements HttpResponse {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Headers headers() {
      return headers;
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public void close() {}
  }
}
