package dev.aitrace.ledger;

import static dev.aitrace.GenAiAttributes.*;

import dev.aitrace.Attribution;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.cost.CostEstimate;
import dev.aitrace.cost.TokenUsage;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Optional;
import java.util.Set;

/**
 * One finished AI call as the economics see it, read once from its span: who it was for, what it
 * used, what it cost (recomputed exactly from the model and tokens, never from the rounded {@code
 * aitrace.cost.usd} attribute), how long it took and whether it failed or was blocked. Immutable.
 *
 * @param traceId the trace the call belongs to
 * @param operation {@code chat}, {@code embeddings}, ...
 * @param provider {@code gen_ai.provider.name}, such as {@code openai}; empty when not recorded
 * @param model the requested model
 * @param responseModel the model that answered (often a dated snapshot); the requested one if not reported
 * @param attribution user, task, agent, tenant and budget category of the call
 * @param usage tokens used; zero for a failed or blocked call
 * @param cost the exact cost, or unknown when the model has no price
 * @param durationNanos from request to last byte
 * @param timeToFirstChunkNanos for streamed calls; -1 when not streamed or not known
 * @param errorType {@code error.type} of a failed call; empty when it succeeded
 * @param blockedReason why a guard refused the call; empty when it was sent
 * @param rateLimit the provider's rate-limit headers as seen on the response
 * @param endEpochNanos when the call ended
 */
public record AiCallRecord(
    String traceId,
    String operation,
    String provider,
    String model,
    String responseModel,
    Attribution attribution,
    TokenUsage usage,
    CostEstimate cost,
    long durationNanos,
    long timeToFirstChunkNanos,
    String errorType,
    String blockedReason,
    RateLimit rateLimit,
    long endEpochNanos) {

  /** Span operations that are not AI calls even though they carry {@code gen_ai.operation.name}. */
  private static final Set<String> NOT_AI_CALLS = Set.of("invoke_agent", "execute_tool", "create_agent");

  /**
   * The rate-limit headroom a response reported; -1 for what it did not report.
   */
  public record RateLimit(long limitRequests, long remainingRequests, long limitTokens, long remainingTokens) {
    /** Nothing reported. */
    public static final RateLimit NONE = new RateLimit(-1, -1, -1, -1);

    public boolean reported() {
      return limitRequests >= 0 || remainingRequests >= 0 || limitTokens >= 0 || remainingTokens >= 0;
    }
  }

  public boolean failed() {
    return !errorType.isEmpty();
  }

  public boolean blocked() {
    return !blockedReason.isEmpty();
  }

  /** Whether {@code span} is an AI call: a GenAI operation other than agent and tool, with a request model. */
  public static boolean isAiCall(SpanRecord span) {
    // Asked of every span as it starts: read single attributes, not a snapshot of all of them.
    String operation = span.attribute(OPERATION_NAME);
    return operation != null && !NOT_AI_CALLS.contains(operation) && span.attribute(REQUEST_MODEL) != null;
  }

  /** Reads an ended AI-call span; empty when {@code span} is not an AI call. */
  public static Optional<AiCallRecord> fromSpan(SpanRecord span, CostCalculator prices) {
    if (!isAiCall(span)) {
      return Optional.empty();
    }
    CallAttributes a = CallAttributes.of(span.attributes());
    String model = a.text(CallAttributes.MODEL);
    String responseModel = orElse(a.text(CallAttributes.RESPONSE_MODEL), model);
    long input = a.count(CallAttributes.INPUT_TOKENS, 0);
    long output = a.count(CallAttributes.OUTPUT_TOKENS, 0);
    TokenUsage usage = new TokenUsage(input, Math.min(input, a.count(CallAttributes.CACHED_INPUT_TOKENS, 0)),
        output, Math.min(output, a.count(CallAttributes.REASONING_TOKENS, 0)));
    String blocked = orElse(a.text(CallAttributes.BLOCKED), "");
    String errorType = orElse(a.text(CallAttributes.ERROR), span.statusCode() == StatusCode.ERROR ? "error" : "");
    // A blocked call sent nothing and costs nothing, whatever its model's price.
    CostEstimate cost = blocked.isEmpty() ? prices.cost(responseModel, usage)
        : CostEstimate.known(responseModel, java.math.BigDecimal.ZERO);
    Double ttft = a.decimal(CallAttributes.TIME_TO_FIRST_CHUNK);
    return Optional.of(new AiCallRecord(
        span.traceId(), a.text(CallAttributes.OPERATION), orElse(a.text(CallAttributes.PROVIDER), ""), model,
        responseModel, a.attribution(), usage, cost,
        Math.max(0, span.durationNanos()),
        ttft == null || ttft < 0 ? -1 : (long) (ttft * 1e9),
        blocked.isEmpty() ? errorType : "",
        blocked,
        new RateLimit(a.count(CallAttributes.LIMIT_REQUESTS, -1), a.count(CallAttributes.REMAINING_REQUESTS, -1),
            a.count(CallAttributes.LIMIT_TOKENS, -1), a.count(CallAttributes.REMAINING_TOKENS, -1)),
        span.endEpochNanos()));
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
