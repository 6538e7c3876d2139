package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.http.TracingInterceptor;
import dev.aitrace.propagation.TraceIdHeader;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The README's "Propagation and outgoing HTTP calls" snippet: calls out through OkHttp with the
 * trace and the attribution attached, and continues an incoming trace from a plain header map.
 */
public final class PropagationSnippet {
  private PropagationSnippet() {}

  /** Calling out: a CLIENT span per request; traceparent, tracestate, baggage and X-Trace-ID sent along. */
  public static String callOut(AiTrace aiTrace, String url) throws IOException {
    OkHttpClient http = new OkHttpClient.Builder()
        .addInterceptor(TracingInterceptor.create(aiTrace))
        .build();
    Attribution who = Attribution.builder().userId("u-42").taskId("report-7").build();
    try (Scope scope = who.makeCurrent()) {
      return aiTrace.agents().invokeAgent("researcher", () -> {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
          return response.code() + " " + response.body().string();
        }
      });
    }
  }

  /** Receiving, where no servlet filter does it: continue the caller's trace and attribution. */
  public static String handle(AiTrace aiTrace, Map<String, String> headers) {
    Context incoming = aiTrace.propagator().extract(Context.root(), headers, MAP_GETTER);
    try (Scope scope = incoming.makeCurrent()) {
      aiTrace.agents().invokeAgent("worker", () -> { /* spans here carry the caller's trace id and user */ });
      return TraceIdHeader.traceId(incoming).orElse("new trace"); // what a user can quote
    }
  }

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };
}
