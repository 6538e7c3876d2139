package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import dev.aitrace.Attribution;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

/**
 * The SERVER span of one request, from its start in the filter to its single end, which comes when
 * the filter chain returns or, for an async request, when the container reports completion. Stored
 * on the request under {@link #ATTRIBUTE}, which is how forwards, includes and async dispatches find
 * it instead of starting a second span. Thread-safe: the end may race between threads and happens
 * once.
 */
final class ServerSpan {
  /** The request attribute holding the live {@code ServerSpan}. */
  static final String ATTRIBUTE = ServerSpan.class.getName();

  private final FilterSettings settings;
  private final Span span;
  private final Context context;
  private final String nameMethod;
  private final String initialRoute;
  private final boolean userKnown;
  private static final AtomicIntegerFieldUpdater<ServerSpan> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ServerSpan.class, "ended");
  private volatile int ended; // 1 once end() has run; an updater rather than an AtomicBoolean per request
  private volatile Throwable error;
  private volatile long timedOutAfterMillis = -1;

  private ServerSpan(
      FilterSettings settings, Span span, Context context, String nameMethod, String initialRoute, boolean userKnown) {
    this.settings = settings;
    this.span = span;
    this.context = context;
    this.nameMethod = nameMethod;
    this.initialRoute = initialRoute;
    this.userKnown = userKnown;
  }

  /** Extracts the caller's context, starts the span and sets {@code X-Trace-ID} on the response. */
  static ServerSpan start(FilterSettings settings, HttpServletRequest request, HttpServletResponse response) {
    Context extracted = settings.propagator.extract(Context.root(), request, RequestHeaderGetter.INSTANCE);
    Context parent = settings.trustIncoming ? extracted : Context.root();
    Optional<String> userId = resolve(settings.userId::userId, request, "UserIdResolver");
    if (userId.isPresent()) {
      parent = Attribution.builder().userId(userId.get()).build().storeInContext(parent);
    }
    String nameMethod = RequestAttributes.spanNameMethod(request.getMethod());
    String route = resolve(settings.routes::route, request, "RouteResolver").orElse(null);
    SpanBuilder builder =
        settings.tracer
            .spanBuilder(route == null ? nameMethod : nameMethod + " " + route)
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent);
    if (!settings.trustIncoming) {
      SpanContext caller = Span.fromContext(extracted).getSpanContext();
      if (caller.isValid()) {
        builder.addLink(caller); // the caller's trace stays findable, without being continued
      }
    }
    RequestAttributes.put(builder, request, settings.captureQuery);
    if (route != null) {
      builder.setAttribute(HttpAttributes.ROUTE, route);
    }
    settings.recordedHeaders.put(builder, request);
    Span span = builder.startSpan();
    try {
      response.setHeader(TraceFilter.TRACE_ID_HEADER, span.getSpanContext().getTraceId());
      ServerSpan serverSpan =
          new ServerSpan(settings, span, parent.with(span), nameMethod, route, userId.isPresent());
      request.setAttribute(ATTRIBUTE, serverSpan);
      return serverSpan;
    } catch (RuntimeException e) {
      span.end(); // the request goes on untraced; the span must not stay open
      throw e;
    }
  }

  Span span() {
    return span;
  }

  /** Makes the request's context current, with the trace ids in the logging MDC. */
  Scope makeCurrent() {
    Scope contextScope = context.makeCurrent();
    Scope spanScope = span.makeCurrent();
    return () -> {
      spanScope.close();
      contextScope.close();
    };
  }

  /** Whether the request's span is already the current one on this thread. */
  boolean isCurrent() {
    return Span.current() == span;
  }

  /** Records a throwable that reached the filter or the container; the same one is recorded once. */
  void recordError(Throwable t) {
    if (t == null || t == error) {
      return;
    }
    error = t;
    try {
      span.recordException(t);
    } catch (Throwable fault) {
      SelfLog.fault("TraceFilter.recordError", fault);
    }
  }

  void timedOut(long timeoutMillis) {
    timedOutAfterMillis = Math.max(0, timeoutMillis);
  }

  /** Sets what the response turned out to be and ends the span; only the first call does anything. */
  void end(HttpServletRequest request, HttpServletResponse response) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    try {
      finish(request, response);
    } catch (Throwable t) {
      SelfLog.fault("TraceFilter.end", t);
    } finally {
      span.end();
    }
  }

  private void finish(HttpServletRequest request, HttpServletResponse response) {
    Throwable failure = error;
    int status = response.getStatus();
    if (failure != null && !response.isCommitted()) {
      status = 500; // what the container will send for an exception it has not answered yet
    }
    span.setAttribute(HttpAttributes.RESPONSE_STATUS_CODE, (long) status);
    Optional<String> route = resolve(settings.routes::route, request, "RouteResolver");
    if (route.isPresent() && !route.get().equals(initialRoute)) {
      span.setAttribute(HttpAttributes.ROUTE, route.get());
      span.updateName(nameMethod + " " + route.get());
    }
    if (!userKnown) {
      resolve(settings.userId::userId, request, "UserIdResolver")
          .ifPresent(id -> span.setAttribute(Attribution.USER_ID, id));
    }
    if (failure != null) {
      span.setAttribute(HttpAttributes.ERROR_TYPE, failure.getClass().getName());
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    } else if (timedOutAfterMillis >= 0) {
      span.setAttribute(HttpAttributes.ERROR_TYPE, "timeout");
      span.setStatus(StatusCode.ERROR, "async request timed out after " + timedOutAfterMillis + " ms");
    } else if (status >= 500) {
      span.setAttribute(HttpAttributes.ERROR_TYPE, Integer.toString(status));
      span.setStatus(StatusCode.ERROR);
    }
  }

  private static Optional<String> resolve(
      Function<HttpServletRequest, Optional<String>> resolver, HttpServletRequest request, String what) {
    try {
      Optional<String> value = resolver.apply(request);
      return value == null ? Optional.empty() : value;
    } catch (Throwable t) {
      SelfLog.fault(what, t);
      return Optional.empty();
    }
  }
}
