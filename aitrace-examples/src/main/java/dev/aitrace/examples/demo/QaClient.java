package dev.aitrace.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * How the manager reaches the QA agent: {@code POST /agents/qa} over the traced OkHttp client, so
 * the trace context and the attribution travel in the headers and the QA agent's spans join the
 * manager's trace.
 */
final class QaClient {
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final OkHttpClient http;
  private final String url;

  QaClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.url = baseUrl + QaServlet.PATH;
  }

  Review review(String draft) {
    Request request = new Request.Builder().url(url).post(RequestBody.create(draft, TEXT)).build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException("QA agent answered " + response.code() + ": " + body.strip());
      }
      return Review.parse(body);
    } catch (IOException e) {
      throw new UncheckedIOException("QA review failed: " + e.getMessage(), e);
    }
  }
}
