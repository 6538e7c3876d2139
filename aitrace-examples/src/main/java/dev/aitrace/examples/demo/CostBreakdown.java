package dev.aitrace.examples.demo;

import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders what AI calls cost, sliced one way (per agent, per user, per budget category). */
final class CostBreakdown {
  private static final String LINE = "  %-22s %6s %16s %16s %12s %6s%n";

  private CostBreakdown() {}

  /**
   * One slice.
   *
   * @param key the agent, user or category
   * @param calls AI calls
   * @param inputTokens input tokens, cached included
   * @param cachedTokens cached input tokens
   * @param outputTokens output tokens, reasoning included
   * @param reasoningTokens reasoning tokens
   * @param cost the exact cost of the calls with a known price
   * @param unknownCostCalls calls whose model has no price
   */
  record Row(String key, long calls, long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens,
      BigDecimal cost, long unknownCostCalls) {}

  /** Slices the AI-call spans among {@code spans} by {@code key}, most expensive first. */
  static List<Row> fromSpans(List<SpanRecord> spans, Function<SpanRecord, String> key) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (SpanRecord span : spans) {
      if (!AiSpans.isAiCall(span)) {
        continue;
      }
      Row add = new Row(key.apply(span), 1,
          AiSpans.tokens(span, GenAiAttributes.USAGE_INPUT_TOKENS),
          AiSpans.tokens(span, GenAiAttributes.USAGE_CACHED_INPUT_TOKENS),
          AiSpans.tokens(span, GenAiAttributes.USAGE_OUTPUT_TOKENS),
          AiSpans.tokens(span, GenAiAttributes.USAGE_REASONING_TOKENS),
          AiSpans.cost(span).orElse(BigDecimal.ZERO), AiSpans.cost(span).isPresent() || blocked(span) ? 0 : 1);
      rows.merge(add.key(), add, CostBreakdown::sum);
    }
    List<Row> sorted = new ArrayList<>(rows.values());
    sorted.sort(Comparator.comparing(Row::cost).reversed());
    return sorted;
  }

  /** A call a guard refused never left the process: it cost nothing, rather than an unknown amount. */
  private static boolean blocked(SpanRecord span) {
    return span.attributes().get(GenAiAttributes.BLOCKED_REASON) != null;
  }

  private static Row sum(Row a, Row b) {
    return new Row(a.key(), a.calls() + b.calls(), a.inputTokens() + b.inputTokens(),
        a.cachedTokens() + b.cachedTokens(), a.outputTokens() + b.outputTokens(),
        a.reasoningTokens() + b.reasoningTokens(), a.cost().add(b.cost()), a.unknownCostCalls() + b.unknownCostCalls());
  }

  static String render(String title, List<Row> rows) {
    StringBuilder out = new StringBuilder(title).append('\n');
    out.append(String.format(Locale.ROOT, LINE, "", "calls", "in (cached)", "out (reason)", "cost", "share"));
    BigDecimal total = BigDecimal.ZERO;
    for (Row row : rows) {
      total = total.add(row.cost());
    }
    for (Row row : rows) {
      String share = total.signum() == 0 ? "-"
          : row.cost().multiply(BigDecimal.valueOf(100)).divide(total, 0, RoundingMode.HALF_UP) + "%";
      String cost = AiSpans.money(row.cost()) + (row.unknownCostCalls() > 0 ? "+?" : "");
      out.append(String.format(Locale.ROOT, LINE, row.key(), row.calls(),
          row.inputTokens() + " (" + row.cachedTokens() + ")", row.outputTokens() + " (" + row.reasoningTokens() + ")",
          cost, share));
    }
    return out.toString();
  }
}
