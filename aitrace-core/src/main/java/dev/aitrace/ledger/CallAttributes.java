package dev.aitrace.ledger;

import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The attributes of an AI-call span that the ledger reads, found in one pass over the span's
 * attributes: about twenty lookups by key, most of them for attributes a call does not have (rate
 * limits, attribution, errors), would each scan them all. A key matches as in {@link
 * Attributes#get}: by name and type. Not thread-safe; one per span read.
 */
final class CallAttributes implements BiConsumer<AttributeKey<?>, Object> {
  static final int OPERATION = 0;
  static final int PROVIDER = 1;
  static final int MODEL = 2;
  static final int RESPONSE_MODEL = 3;
  static final int INPUT_TOKENS = 4;
  static final int CACHED_INPUT_TOKENS = 5;
  static final int OUTPUT_TOKENS = 6;
  static final int REASONING_TOKENS = 7;
  static final int BLOCKED = 8;
  static final int ERROR = 9;
  static final int TIME_TO_FIRST_CHUNK = 10;
  static final int LIMIT_REQUESTS = 11;
  static final int REMAINING_REQUESTS = 12;
  static final int LIMIT_TOKENS = 13;
  static final int REMAINING_TOKENS = 14;
  /** The first of the attribution fields, in the order of {@link #ATTRIBUTION}. */
  static final int ATTRIBUTION_START = 15;

  private static final List<AttributeKey<String>> ATTRIBUTION = List.of(Attribution.USER_ID,
      Attribution.SESSION_ID, Attribution.TASK_ID, Attribution.AGENT_NAME, Attribution.TENANT,
      Attribution.BUDGET_CATEGORY);
  private static final List<AttributeKey<?>> KEYS = List.of(GenAiAttributes.OPERATION_NAME,
      GenAiAttributes.PROVIDER_NAME, GenAiAttributes.REQUEST_MODEL, GenAiAttributes.RESPONSE_MODEL,
      GenAiAttributes.USAGE_INPUT_TOKENS, GenAiAttributes.USAGE_CACHED_INPUT_TOKENS,
      GenAiAttributes.USAGE_OUTPUT_TOKENS, GenAiAttributes.USAGE_REASONING_TOKENS, GenAiAttributes.BLOCKED_REASON,
      GenAiAttributes.ERROR_TYPE, GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK,
      GenAiAttributes.RATELIMIT_LIMIT_REQUESTS, GenAiAttributes.RATELIMIT_REMAINING_REQUESTS,
      GenAiAttributes.RATELIMIT_LIMIT_TOKENS, GenAiAttributes.RATELIMIT_REMAINING_TOKENS, ATTRIBUTION.get(0),
      ATTRIBUTION.get(1), ATTRIBUTION.get(2), ATTRIBUTION.get(3), ATTRIBUTION.get(4), ATTRIBUTION.get(5));
  private static final Map<AttributeKey<?>, Integer> SLOTS = slots();

  private final Object[] values = new Object[KEYS.size()];

  private CallAttributes() {}

  static CallAttributes of(Attributes attributes) {
    CallAttributes read = new CallAttributes();
    attributes.forEach(read);
    return read;
  }

  @Override
  public void accept(AttributeKey<?> key, Object value) {
    Integer slot = SLOTS.get(key);
    if (slot != null && values[slot] == null) {
      values[slot] = value; // the first of a repeated key wins, as with Attributes.get
    }
  }

  String text(int slot) {
    return (String) values[slot];
  }

  /** A count, or {@code absent} when missing or negative. */
  long count(int slot, long absent) {
    Long value = (Long) values[slot];
    return value == null || value < 0 ? absent : value;
  }

  Double decimal(int slot) {
    return (Double) values[slot];
  }

  /** The attribution the span carries; the shared empty one when it names nothing. */
  Attribution attribution() {
    boolean none = true;
    for (int i = 0; i < ATTRIBUTION.size(); i++) {
      none &= values[ATTRIBUTION_START + i] == null;
    }
    if (none) {
      return Attribution.empty();
    }
    return Attribution.builder()
        .userId(text(ATTRIBUTION_START))
        .sessionId(text(ATTRIBUTION_START + 1))
        .taskId(text(ATTRIBUTION_START + 2))
        .agentName(text(ATTRIBUTION_START + 3))
        .tenant(text(ATTRIBUTION_START + 4))
        .budgetCategory(text(ATTRIBUTION_START + 5))
        .build();
  }

  private static Map<AttributeKey<?>, Integer> slots() {
    Map<AttributeKey<?>, Integer> slots = new HashMap<>();
    for (int i = 0; i < KEYS.size(); i++) {
      slots.put(KEYS.get(i), i);
    }
    return slots;
  }
}
