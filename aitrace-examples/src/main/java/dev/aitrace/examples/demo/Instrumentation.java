package dev.aitrace.examples.demo;

import com.openai.client.OpenAIClient;
import dev.aitrace.AiTrace;
import dev.aitrace.http.TracingInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
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
    TextMapGetter<HttpServletRequest> getter = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(HttpServletRequest carrier) {
        return Collections.list(carrier.getHeaderNames());
      }

      @Override
      public String get(HttpServletRequest carrier, String key) {
        return carrier == null ? null : carrier.getHeader(key);
      }
    };
    return (req, res, chain) -> {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      Context parent = aiTrace.propagator().extract(Context.root(), request, getter);
      Span span = aiTrace.tracer().spanBuilder(request.getMethod() + " " + request.getRequestURI())
          .setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
      response.setHeader("X-Trace-ID", span.getSpanContext().getTraceId());
      try (Scope ignored = parent.with(span).makeCurrent()) {
        chain.doFilter(req, res);
      } finally {
        if (response.getStatus() >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
    };
  }
}
