package dev.aitrace.openai;

import dev.aitrace.AiTrace;
import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.guard.AiCall;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every traced client of one configuration shares: the {@link AiTrace}, the content capture
 * settings, where the client talks to, and the AI calls in flight (so that the HTTP decorator can
 * find the call an attempt belongs to, on whatever thread the attempt runs). Thread-safe.
 */
final class OpenAiTracing {
  static final String SCOPE = "dev.aitrace.openai";
  static final String PROVIDER = "openai";

  final AiTrace aiTrace;
  final Tracer tracer;
  final ContentCapture content;
  private final String serverAddress;
  private final long serverPort;
  private final Map<String, AiCallSpan> inFlight = new ConcurrentHashMap<>();

  OpenAiTracing(AiTrace aiTrace, ContentCapture content, String baseUrl) {
    this.aiTrace = aiTrace;
    this.tracer = aiTrace.tracer(SCOPE);
    this.content = content;
    URI uri = parse(baseUrl);
    this.serverAddress = uri == null ? null : uri.getHost();
    this.serverPort = uri == null ? -1 : port(uri);
  }

  /**
   * Asks the guard, then starts the span of one AI call under the current context. A call the guard
   * blocks is recorded as an error span, and the guard's exception is rethrown: the call never
   * leaves the process.
   */
  AiCallSpan start(AiApi<?, ?, ?> api, AiCall guarded, boolean stream, RequestAttributes request) {
    Context parent = Context.current();
    String model = guarded.model();
    AiTraceBlockedException blocked = null;
    try {
      aiTrace.guard().beforeAiCall(parent, guarded);
    } catch (AiTraceBlockedException e) {
      blocked = e;
    } catch (Throwable t) {
      SelfLog.fault("openai.guard", t);
    }
    Span span = startSpan(parent, api.operation(), model, stream, request);
    if (blocked != null) {
      try {
        span.setAttribute(GenAiAttributes.BLOCKED_REASON, String.valueOf(blocked.getMessage()));
        span.setAttribute(GenAiAttributes.ERROR_TYPE, blocked.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(blocked.getMessage()));
      } catch (Throwable t) {
        SelfLog.fault("openai.blocked", t);
      } finally {
        span.end();
      }
      throw blocked;
    }
    AiCallSpan call = new AiCallSpan(this, span, parent.with(span), model);
    if (span.getSpanContext().isValid()) {
      inFlight.put(span.getSpanContext().getSpanId(), call);
    }
    return call;
  }

  private Span startSpan(Context parent, String operation, String model, boolean stream, RequestAttributes request) {
    try {
      var builder =
          tracer
              .spanBuilder(model.isEmpty() ? operation : operation + " " + model)
              .setParent(parent)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(GenAiAttributes.OPERATION_NAME, operation)
              .setAttribute(GenAiAttributes.PROVIDER_NAME, PROVIDER)
              .setAttribute(GenAiAttributes.REQUEST_STREAM, stream);
      if (!model.isEmpty()) {
        builder.setAttribute(GenAiAttributes.REQUEST_MODEL, model);
      }
      if (serverAddress != null) {
        builder.setAttribute(GenAiAttributes.SERVER_ADDRESS, serverAddress);
        builder.setAttribute(GenAiAttributes.SERVER_PORT, serverPort);
      }
      try {
        AttributesBuilder attributes = Attributes.builder();
        request.putInto(attributes);
        builder.setAllAttributes(attributes.build());
      } catch (Throwable t) {
        SelfLog.fault("openai.requestAttributes", t);
      }
      return builder.startSpan();
    } catch (Throwable t) {
      SelfLog.fault("openai.startSpan", t);
      return Span.getInvalid();
    }
  }

  /** The call whose span id is {@code spanId}, or null when it is not one of ours or has ended. */
  AiCallSpan inFlight(String spanId) {
    return inFlight.get(spanId);
  }

  void ended(AiCallSpan call) {
    inFlight.remove(call.span().getSpanContext().getSpanId(), call);
  }

  /** The AI calls started and not yet ended; for tests and diagnostics. */
  int inFlightCount() {
    return inFlight.size();
  }

  static URI parse(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(url.trim());
      return uri.getHost() == null ? null : uri;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static long port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  /** A request's parameters as span attributes, put in one go when the span starts. */
  @FunctionalInterface
  interface RequestAttributes {
    void putInto(AttributesBuilder attributes);
  }
}
