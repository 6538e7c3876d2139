package dev.aitrace;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names of an AI-call span: the OpenTelemetry GenAI semantic conventions, and under
 * {@code aitrace.} what they lack. The AI-call instrumentation writes them; the ledger, budgets and
 * exporters read them.
 */
public final class GenAiAttributes {
  private GenAiAttributes() {}

  public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  public static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  public static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
  public static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
  public static final AttributeKey<Long> REQUEST_CHOICE_COUNT = AttributeKey.longKey("gen_ai.request.choice.count");
  public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  /** Seconds from sending the request to the first content chunk of a streamed response. */
  public static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  public static final AttributeKey<String> OPENAI_SERVICE_TIER = AttributeKey.stringKey("openai.response.service_tier");
  public static final AttributeKey<String> OPENAI_SYSTEM_FINGERPRINT =
      AttributeKey.stringKey("openai.response.system_fingerprint");
  public static final AttributeKey<String> OPENAI_REQUEST_ID = AttributeKey.stringKey("openai.request.id");
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> USAGE_CACHED_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  public static final AttributeKey<Long> USAGE_REASONING_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  public static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  /** The call's cost in US dollars; absent when the cost is unknown. */
  public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("aitrace.cost.usd");
  /** False when the model has no price, so the cost is unknown (never a silent $0). */
  public static final AttributeKey<Boolean> COST_KNOWN = AttributeKey.booleanKey("aitrace.cost.known");
  /** Attempts after the first one that the client made for this call. */
  public static final AttributeKey<Long> RETRY_COUNT = AttributeKey.longKey("aitrace.retry.count");
  /** Why a guard blocked this call before it left the process. */
  public static final AttributeKey<String> BLOCKED_REASON = AttributeKey.stringKey("aitrace.blocked.reason");
  public static final AttributeKey<Long> FALLBACK_ATTEMPTS = AttributeKey.longKey("aitrace.fallback.attempts");
  public static final AttributeKey<List<String>> FALLBACK_MODELS = AttributeKey.stringArrayKey("aitrace.fallback.models");
  public static final AttributeKey<String> FALLBACK_SELECTED_MODEL = AttributeKey.stringKey("aitrace.fallback.selected_model");
  public static final AttributeKey<Long> RATELIMIT_LIMIT_REQUESTS = AttributeKey.longKey("aitrace.ratelimit.limit_requests");
  public static final AttributeKey<Long> RATELIMIT_LIMIT_TOKENS = AttributeKey.longKey("aitrace.ratelimit.limit_tokens");
  public static final AttributeKey<Long> RATELIMIT_REMAINING_REQUESTS =
      AttributeKey.longKey("aitrace.ratelimit.remaining_requests");
  public static final AttributeKey<Long> RATELIMIT_REMAINING_TOKENS =
      AttributeKey.longKey("aitrace.ratelimit.remaining_tokens");
  public static final AttributeKey<String> RATELIMIT_RESET_REQUESTS = AttributeKey.stringKey("aitrace.ratelimit.reset_requests");
  public static final AttributeKey<String> RATELIMIT_RESET_TOKENS = AttributeKey.stringKey("aitrace.ratelimit.reset_tokens");

  /** The number of dimensions an embeddings request asks for. */
  public static final AttributeKey<Long> EMBEDDINGS_DIMENSION_COUNT = AttributeKey.longKey("gen_ai.embeddings.dimension.count");
  /** The HTTP status of one failed attempt, on an {@link #ATTEMPT_FAILED_EVENT} event. */
  public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  /** Which attempt of the call an event is about; the first attempt is 1. */
  public static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("aitrace.attempt.number");
  /** The {@code retry-after} (or {@code retry-after-ms}) header of a failed attempt, as sent. */
  public static final AttributeKey<String> RETRY_AFTER = AttributeKey.stringKey("aitrace.retry.after");
  /** The name of the span event recorded for each attempt of an AI call that failed. */
  public static final String ATTEMPT_FAILED_EVENT = "aitrace.attempt.failed";
}
