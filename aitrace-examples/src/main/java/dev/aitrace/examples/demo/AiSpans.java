package dev.aitrace.examples.demo;

import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/** Reads what the demo shows from a span's attributes. */
final class AiSpans {
  private static final Set<String> NOT_AI_CALLS = Set.of("invoke_agent", "execute_tool", "create_agent");

  private AiSpans() {}

  /** Whether the span is an AI call: it has a GenAI operation that is not an agent or a tool. */
  static boolean isAiCall(SpanRecord span) {
    String operation = span.attributes().get(GenAiAttributes.OPERATION_NAME);
    return operation != null && !NOT_AI_CALLS.contains(operation);
  }

  static long tokens(SpanRecord span, AttributeKey<Long> key) {
    Long value = span.attributes().get(key);
    return value == null ? 0 : value;
  }

  /** The recorded cost; empty when the span has none (not an AI call, or the model has no price). */
  static Optional<BigDecimal> cost(SpanRecord span) {
    Double usd = span.attributes().get(GenAiAttributes.COST_USD);
    return usd == null ? Optional.empty() : Optional.of(BigDecimal.valueOf(usd));
  }

  static String agent(SpanRecord span) {
    return orDash(span.attributes().get(Attribution.AGENT_NAME));
  }

  static String user(SpanRecord span) {
    return orDash(span.attributes().get(Attribution.USER_ID));
  }

  static String budgetCategory(SpanRecord span) {
    return orDash(span.attributes().get(Attribution.BUDGET_CATEGORY));
  }

  static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  /** {@code $0.000123}, or {@code ?} for an unknown cost. */
  static String money(Optional<BigDecimal> usd) {
    return usd.map(AiSpans::money).orElse("?");
  }

  static String money(BigDecimal usd) {
    return "$" + usd.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** Milliseconds below ten seconds, seconds above. */
  static String duration(long nanos) {
    long millis = nanos / 1_000_000;
    return millis < 10_000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
