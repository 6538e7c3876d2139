package dev.aitrace.openai;

import dev.aitrace.GenAiAttributes;
import dev.aitrace.cost.CostEstimate;
import dev.aitrace.cost.TokenUsage;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One AI call in flight: its span, what is known of the response so far, and the promise to end the
 * span exactly once, however the call ends (returned, thrown, stream exhausted, closed, cut).
 * Recording never throws: a fault is reported to {@link SelfLog} and the call carries on.
 *
 * <p>Thread-safe: a streamed call may be observed on one thread and closed on another.
 */
final class AiCallSpan {
  private final OpenAiTracing tracing;
  private final Span span;
  private final Context context;
  private final String requestModel;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean firstChunk = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile String responseModel;
  private volatile TokenUsage usage;

  AiCallSpan(OpenAiTracing tracing, Span span, Context context, String requestModel) {
    this.tracing = tracing;
    this.span = span;
    this.context = context;
    this.requestModel = requestModel;
  }

  Span span() {
    return span;
  }

  /** The caller's context with this call's span in it: what goes out as {@code traceparent}. */
  Context context() {
    return context;
  }

  OpenAiTracing tracing() {
    return tracing;
  }

  boolean hasEnded() {
    return ended.get();
  }

  void responseModel(String model) {
    if (model != null && !model.isEmpty()) {
      responseModel = model;
      span.setAttribute(GenAiAttributes.RESPONSE_MODEL, model);
    }
  }

  void responseId(String id) {
    if (id != null && !id.isEmpty()) {
      span.setAttribute(GenAiAttributes.RESPONSE_ID, id);
    }
  }

  void finishReasons(List<String> reasons) {
    if (!reasons.isEmpty()) {
      span.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, List.copyOf(reasons));
    }
  }

  void serviceTier(String tier) {
    if (tier != null) {
      span.setAttribute(GenAiAttributes.OPENAI_SERVICE_TIER, tier);
    }
  }

  void systemFingerprint(String fingerprint) {
    if (fingerprint != null) {
      span.setAttribute(GenAiAttributes.OPENAI_SYSTEM_FINGERPRINT, fingerprint);
    }
  }

  void usage(TokenUsage tokens) {
    usage = tokens;
    span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, tokens.inputTokens());
    span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, tokens.outputTokens());
    span.setAttribute(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS, tokens.cachedInputTokens());
    span.setAttribute(GenAiAttributes.USAGE_REASONING_TOKENS, tokens.reasoningTokens());
  }

  /** Marks the first content chunk of a stream; only the first call counts. */
  void firstChunk() {
    if (firstChunk.compareAndSet(false, true)) {
      span.setAttribute(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, (System.nanoTime() - startNanos) / 1e9);
    }
  }

  void outputMessages(String json) {
    if (json != null) {
      span.setAttribute(GenAiAttributes.OUTPUT_MESSAGES, json);
    }
  }

  /** Counts an HTTP attempt; returns its number (the first is 1). */
  int attemptStarted() {
    int attempt = attempts.incrementAndGet();
    span.setAttribute(GenAiAttributes.RETRY_COUNT, attempt - 1L);
    return attempt;
  }

  /** Records a failed attempt as a span event: its status or error, and the server's {@code retry-after}. */
  void attemptFailed(int attempt, int status, String retryAfter, Throwable error) {
    AttributesBuilder event = Attributes.builder().put(GenAiAttributes.ATTEMPT_NUMBER, (long) attempt);
    if (status > 0) {
      event.put(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      event.put(GenAiAttributes.ERROR_TYPE, Integer.toString(status));
    }
    if (retryAfter != null) {
      event.put(GenAiAttributes.RETRY_AFTER, retryAfter);
    }
    if (error != null) {
      event.put(GenAiAttributes.ERROR_TYPE, error.getClass().getName());
    }
    span.addEvent(GenAiAttributes.ATTEMPT_FAILED_EVENT, event.build());
  }

  /** Ends the call as a success. */
  void end() {
    finish(null, null, null);
  }

  /** Ends the call with the exception the caller sees. */
  void end(Throwable error) {
    finish(error, error.getClass().getName(), String.valueOf(error.getMessage()));
  }

  /** Ends the call as failed without an exception, such as a stream the server cut short. */
  void endFailed(String errorType, String description) {
    finish(null, errorType, description);
  }

  private void finish(Throwable error, String errorType, String description) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      if (errorType != null) {
        if (error != null) {
          span.recordException(error);
        }
        span.setAttribute(GenAiAttributes.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description);
      }
      recordCost();
    } catch (Throwable t) {
      SelfLog.fault("openai.endCall", t);
    } finally {
      tracing.ended(this);
      span.end();
    }
  }

  private void recordCost() {
    TokenUsage tokens = usage;
    if (tokens == null) {
      span.setAttribute(GenAiAttributes.COST_KNOWN, false);
      return;
    }
    String model = responseModel != null ? responseModel : requestModel;
    CostEstimate cost;
    try {
      cost = tracing.aiTrace.costs().cost(model, tokens);
    } catch (Throwable t) {
      SelfLog.fault("openai.cost", t);
      cost = null;
    }
    boolean known = cost != null && cost.known();
    span.setAttribute(GenAiAttributes.COST_KNOWN, known);
    if (known) {
      span.setAttribute(GenAiAttributes.COST_USD, cost.usd().orElseThrow().doubleValue());
    }
  }
}
