package dev.aitrace.http;

import static java.util.Objects.requireNonNull;

import dev.aitrace.AiTrace;
import dev.aitrace.internal.SelfLog;
import dev.aitrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp {@link Interceptor} that records a CLIENT span for each HTTP request and sends the trace
 * along with it: {@code traceparent}, {@code tracestate}, {@code baggage} (with the current {@link
 * dev.aitrace.Attribution}) and {@code X-Trace-ID}, written by {@link AiTrace#propagator()} and
 * replacing any the caller set. Thread-safe; one instance serves any number of clients.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(TracingInterceptor.create(aiTrace))
 *     .build();
 * }</pre>
 *
 * <p><b>The span</b> is named after the method ({@code GET}; {@code HTTP} for a method the HTTP
 * semantic conventions do not know) and carries {@code http.request.method}, {@code url.full} (see
 * below), {@code server.address}, {@code server.port}, {@code http.response.status_code} and {@code
 * network.protocol.version}. A status of 400 or more sets status ERROR and {@code error.type} to the
 * code; an exception sets status ERROR, {@code error.type} to its class name and an {@code exception}
 * event, and is rethrown unchanged. No request or response header is ever recorded, so {@code
 * Authorization}, API-key and cookie headers stay out of the trace. {@code url.full} has user name
 * and password replaced by {@code REDACTED}, no fragment, and {@code REDACTED} as the value of query
 * parameters that look like credentials ({@code api_key}, {@code key}, {@code token}, {@code sig},
 * {@code X-Amz-Signature}, ...).
 *
 * <p><b>When the span ends:</b> exactly once, when this interceptor returns the response (status and
 * headers received) or fails. Reading the body happens afterwards, in the caller, and is not part of
 * the span, so a streamed body does not keep the span open.
 *
 * <p><b>Application or network interceptor.</b> As an application interceptor ({@code
 * addInterceptor}, the usual choice) there is one span per call: it covers redirects, retries and
 * authentication follow-ups, records a failure to connect, and its {@code url.full} is the URL the
 * application asked for. The headers are injected once and OkHttp repeats them on follow-ups. As a
 * network interceptor ({@code addNetworkInterceptor}) there is one span per request on the wire:
 * each redirect or retry gets its own span and {@code traceparent}, but OkHttp calls network
 * interceptors only once a connection is up, so a failure to connect makes no span, and a response
 * served from the cache makes none either.
 *
 * <p><b>Parent.</b> The span's parent is the context the request carries as its {@code
 * Context.class} tag, else {@link Context#current()}. A synchronous {@code execute()} runs on the
 * caller's thread, so the current span is the parent. {@code enqueue()} runs interceptors on OkHttp's
 * dispatcher threads, where the caller's context is not current: make calls through {@link
 * #contextCapturing(Call.Factory)} to keep the parent.
 */
public final class TracingInterceptor implements Interceptor {
  /** Instrumentation scope of the client spans. */
  public static final String SCOPE = "dev.aitrace.http";

  private static final TextMapSetter<Request.Builder> SETTER =
      (builder, key, value) -> {
        if (builder != null) {
          builder.header(key, value);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private TracingInterceptor(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** An interceptor recording into {@code aiTrace} and propagating with its propagator. */
  public static TracingInterceptor create(AiTrace aiTrace) {
    requireNonNull(aiTrace, "aiTrace");
    return new TracingInterceptor(aiTrace.tracer(SCOPE), aiTrace.propagator());
  }

  /**
   * A call factory that tags each request with the context current when the call is made, so spans
   * of calls run with {@code enqueue()} keep their parent:
   *
   * <pre>{@code
   * Call.Factory calls = TracingInterceptor.contextCapturing(client);
   * calls.newCall(request).enqueue(callback);
   * }</pre>
   */
  public static Call.Factory contextCapturing(Call.Factory calls) {
    requireNonNull(calls, "calls");
    return request -> calls.newCall(request.newBuilder().tag(Context.class, Context.current()).build());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context parent = parentOf(request);
    Span span = start(request, parent);
    // A no-op span (aitrace closed, or starting failed) must not hide the caller's trace.
    Context context = span.getSpanContext().isValid() ? parent.with(span) : parent;
    Request traced = inject(request, context);
    Response response;
    try (Scope ignored = context.makeCurrent()) {
      response = chain.proceed(traced);
    } catch (Throwable t) {
      recordFailure(span, t);
      span.end();
      throw t;
    }
    recordResponse(span, response);
    span.end();
    return response;
  }

  private static Context parentOf(Request request) {
    Context tagged = request.tag(Context.class);
    return tagged != null ? tagged : Context.current();
  }

  private Span start(Request request, Context parent) {
    try {
      String method = request.method();
      String known = HttpAttributes.knownMethod(method);
      HttpUrl url = request.url();
      var builder =
          tracer
              .spanBuilder(HttpAttributes.OTHER_METHOD.equals(known) ? "HTTP" : known)
              .setParent(parent)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(HttpAttributes.REQUEST_METHOD, known)
              .setAttribute(HttpAttributes.URL_FULL, UrlRedactor.redact(url))
              .setAttribute(HttpAttributes.SERVER_ADDRESS, url.host())
              .setAttribute(HttpAttributes.SERVER_PORT, (long) url.port());
      if (HttpAttributes.OTHER_METHOD.equals(known)) {
        builder.setAttribute(HttpAttributes.REQUEST_METHOD_ORIGINAL, method);
      }
      return builder.startSpan();
    } catch (Throwable t) {
      SelfLog.fault("TracingInterceptor.start", t);
      return Span.getInvalid();
    }
  }

  private Request inject(Request request, Context context) {
    try {
      Request.Builder builder = request.newBuilder();
      for (String field : propagator.fields()) {
        builder.removeHeader(field);
      }
      propagator.inject(context, builder, SETTER);
      return builder.build();
    } catch (Throwable t) {
      SelfLog.fault("TracingInterceptor.inject", t);
      return request;
    }
  }

  private static void recordResponse(Span span, Response response) {
    try {
      int code = response.code();
      span.setAttribute(HttpAttributes.RESPONSE_STATUS_CODE, (long) code);
      String version = protocolVersion(response.protocol().toString());
      if (version != null) {
        span.setAttribute(HttpAttributes.NETWORK_PROTOCOL_VERSION, version);
      }
      if (code >= 400) {
        span.setAttribute(HttpAttributes.ERROR_TYPE, Integer.toString(code));
        span.setStatus(StatusCode.ERROR);
      }
    } catch (Throwable t) {
      SelfLog.fault("TracingInterceptor.recordResponse", t);
    }
  }

  private static void recordFailure(Span span, Throwable failure) {
    SpanErrors.record(span, failure, "TracingInterceptor.recordFailure");
  }

  /** {@code network.protocol.version} for OkHttp's protocol names; null for one it does not know. */
  static String protocolVersion(String protocol) {
    switch (protocol) {
      case "http/1.0":
        return "1.0";
      case "http/1.1":
        return "1.1";
      case "h2":
      case "h2_prior_knowledge":
        return "2";
      case "h3":
      case "quic":
        return "3";
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "TracingInterceptor{propagator=" + propagator + "}";
  }
}
