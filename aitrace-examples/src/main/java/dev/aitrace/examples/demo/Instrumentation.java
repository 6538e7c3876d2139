package dev.aitrace.examples.demo;

import com.openai.client.OpenAIClient;
import dev.aitrace.AiTrace;
import dev.aitrace.http.TracingInterceptor;
import dev.aitrace.servlet.TraceFilter;
import jakarta.servlet.Filter;
import okhttp3.Interceptor;

/** The three places the demo plugs aitrace in: the OpenAI client, the HTTP client, the servlet filter. */
final class Instrumentation {
  private Instrumentation() {}

  static OpenAIClient openAi(AiTrace aiTrace, OpenAIClient client) {
    return client;
  }

  static Interceptor http(AiTrace aiTrace) {
    return TracingInterceptor.create(aiTrace);
  }

  static Filter traceFilter(AiTrace aiTrace) {
    return TraceFilter.create(aiTrace);
  }
}
