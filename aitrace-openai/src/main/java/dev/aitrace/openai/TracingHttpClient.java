package dev.aitrace.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * aitrace's layer in openai-java's HTTP stack, installed below the retry layer so it sees every
 * attempt: it counts attempts ({@code aitrace.retry.count}), records each failed one as an {@code
 * aitrace.attempt.failed} event (status, {@code retry-after}), keeps the rate-limit headers and
 * {@code x-request-id} of the last response, sets {@code server.address}/{@code server.port} from the
 * URL actually called, and writes {@code traceparent}, {@code tracestate}, {@code baggage} and
 * {@code X-Trace-ID} into each attempt. It never reads request headers other than {@code
 * traceparent}, so credentials are never recorded. Thread-safe.
 */
final class TracingHttpClient implements HttpClient {
  private final HttpClient delegate;
  private final OpenAiTracing tracing;

  TracingHttpClient(HttpClient delegate, OpenAiTracing tracing) {
    this.delegate = delegate;
    this.tracing = tracing;
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
    Attempt attempt = Attempt.begin(request, tracing);
    HttpResponse response;
    try {
      response = delegate.execute(attempt.request, requestOptions);
    } catch (Throwable t) {
      attempt.failed(t);
      throw t;
    }
    attempt.responded(response);
    return response;
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
    Attempt attempt = Attempt.begin(request, tracing);
    CompletableFuture<HttpResponse> future;
    try {
      future = delegate.executeAsync(attempt.request, requestOptions);
    } catch (Throwable t) {
      attempt.failed(t);
      throw t;
    }
    return future.whenComplete((response, error) -> {
      if (error != null) {
        attempt.failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      } else {
        attempt.responded(response);
      }
    });
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** One attempt: the request as sent and the call it belongs to, if any. */
  private static final class Attempt {
    final HttpRequest request;
    final AiCallSpan call;
    final int number;

    private Attempt(HttpRequest request, AiCallSpan call, int number) {
      this.request = request;
      this.call = call;
      this.number = number;
    }

    static Attempt begin(HttpRequest request, OpenAiTracing tracing) {
      try {
        List<String> parents = request.headers().values(OutgoingHeaders.TRACEPARENT);
        AiCallSpan call =
            parents.isEmpty() ? null : tracing.inFlight(OutgoingHeaders.spanIdOf(parents.get(0)));
        Context context = call != null ? call.context() : Context.current();
        Map<String, String> headers = OutgoingHeaders.of(tracing.aiTrace, context);
        HttpRequest.Builder builder = request.toBuilder();
        headers.forEach(builder::replaceHeaders);
        int number = 0;
        if (call != null) {
          number = call.attemptStarted();
          URI uri = OpenAiTracing.parse(request.baseUrl());
          if (uri != null) {
            call.span().setAttribute(GenAiAttributes.SERVER_ADDRESS, uri.getHost());
            call.span().setAttribute(GenAiAttributes.SERVER_PORT, OpenAiTracing.port(uri));
          }
        }
        return new Attempt(builder.build(), call, number);
      } catch (Throwable t) {
        SelfLog.fault("openai.http.begin", t);
        return new Attempt(request, null, 0);
      }
    }

    void responded(HttpResponse response) {
      if (call == null) {
        return;
      }
      try {
        ResponseHeaders.record(call.span(), response.headers());
        int status = response.statusCode();
        if (status >= 400) {
          call.attemptFailed(number, status, ResponseHeaders.retryAfter(response.headers()), null);
        }
      } catch (Throwable t) {
        SelfLog.fault("openai.http.response", t);
      }
    }

    void failed(Throwable error) {
      if (call == null) {
        return;
      }
      try {
        call.attemptFailed(number, 0, null, error);
      } catch (Throwable t) {
        SelfLog.fault("openai.http.failure", t);
      }
    }
  }
}
