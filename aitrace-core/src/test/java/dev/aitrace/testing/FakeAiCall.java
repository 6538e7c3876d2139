package dev.aitrace.testing;

import dev.aitrace.AiTrace;
import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.guard.AiCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * Records an AI call the way the OpenAI instrumentation does: ask the guard, start a {@code chat
 * {model}} span with the GenAI attributes, set usage, end it. A blocked call is recorded as a span
 * with {@code aitrace.blocked.reason} and the exception rethrown.
 */
public final class FakeAiCall {
  private final AiTrace aiTrace;
  private String operation = "chat";
  private String model = "gpt-4o-mini";
  private String responseModel;
  private String fingerprint = "";
  private long input;
  private long cached;
  private long output;
  private long reasoning;
  private Double ttftSeconds;
  private String errorType;
  private long durationMillis = -1;
  private Long remainingRequests;
  private Long limitRequests;

  private FakeAiCall(AiTrace aiTrace) {
    this.aiTrace = aiTrace;
  }

  public static FakeAiCall of(AiTrace aiTrace) {
    return new FakeAiCall(aiTrace);
  }

  public FakeAiCall operation(String operation) {
    this.operation = operation;
    return this;
  }

  public FakeAiCall model(String model) {
    this.model = model;
    return this;
  }

  public FakeAiCall responseModel(String responseModel) {
    this.responseModel = responseModel;
    return this;
  }

  public FakeAiCall fingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
    return this;
  }

  public FakeAiCall tokens(long input, long cached, long output, long reasoning) {
    this.input = input;
    this.cached = cached;
    this.output = output;
    this.reasoning = reasoning;
    return this;
  }

  public FakeAiCall streamed(double ttftSeconds) {
    this.ttftSeconds = ttftSeconds;
    return this;
  }

  public FakeAiCall failed(String errorType) {
    this.errorType = errorType;
    return this;
  }

  public FakeAiCall durationMillis(long millis) {
    this.durationMillis = millis;
    return this;
  }

  public FakeAiCall rateLimit(long limit, long remaining) {
    this.limitRequests = limit;
    this.remainingRequests = remaining;
    return this;
  }

  /** Starts the span without ending it, for in-flight counts. */
  public Span start() {
    return aiTrace.tracer("test-openai").spanBuilder(operation + " " + model).setSpanKind(SpanKind.CLIENT)
        .setAttribute(GenAiAttributes.OPERATION_NAME, operation)
        .setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
        .setAttribute(GenAiAttributes.REQUEST_MODEL, model)
        .setAttribute(GenAiAttributes.REQUEST_STREAM, ttftSeconds != null)
        .startSpan();
  }

  /** Runs the call under the current context. */
  public void run() {
    try {
      aiTrace.guard().beforeAiCall(Context.current(), new AiCall(operation, model, fingerprint));
    } catch (AiTraceBlockedException e) {
      Span blocked = start();
      blocked.setAttribute(GenAiAttributes.BLOCKED_REASON, e.getMessage());
      blocked.setStatus(StatusCode.ERROR, e.getMessage());
      blocked.end();
      throw e;
    }
    Span span = start();
    span.setAttribute(GenAiAttributes.RESPONSE_MODEL, responseModel != null ? responseModel : model);
    span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, input);
    span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, output);
    if (cached > 0) {
      span.setAttribute(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS, cached);
    }
    if (reasoning > 0) {
      span.setAttribute(GenAiAttributes.USAGE_REASONING_TOKENS, reasoning);
    }
    aiTrace.costs().cost(responseModel != null ? responseModel : model,
            new dev.aitrace.cost.TokenUsage(input, cached, output, reasoning))
        .usd().ifPresentOrElse(usd -> {
          span.setAttribute(GenAiAttributes.COST_USD, usd.doubleValue());
          span.setAttribute(GenAiAttributes.COST_KNOWN, true);
        }, () -> span.setAttribute(GenAiAttributes.COST_KNOWN, false));
    if (ttftSeconds != null) {
      span.setAttribute(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, ttftSeconds);
    }
    if (limitRequests != null) {
      span.setAttribute(GenAiAttributes.RATELIMIT_LIMIT_REQUESTS, limitRequests);
      span.setAttribute(GenAiAttributes.RATELIMIT_REMAINING_REQUESTS, remainingRequests);
    }
    if (errorType != null) {
      span.setAttribute(GenAiAttributes.ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR, errorType);
    }
    if (durationMillis >= 0) {
      // End at an explicit time so latency percentiles are known exactly.
      long startNanos = ((dev.aitrace.export.SpanRecord) span).startEpochNanos();
      span.end(startNanos + TimeUnit.MILLISECONDS.toNanos(durationMillis), TimeUnit.NANOSECONDS);
    } else {
      span.end();
    }
  }
}
