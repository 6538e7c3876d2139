package dev.aitrace.examples.demo;

import dev.aitrace.ledger.Dimension;
import dev.aitrace.ledger.Figures;
import dev.aitrace.ledger.LedgerSnapshot;
import dev.aitrace.ledger.SliceSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders what AI calls cost, sliced one way (per agent, per user, per budget category), from the ledger. */
final class CostBreakdown {
  private static final String LINE = "  %-22s %6s %8s %16s %16s %12s %6s %8s%n";

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
   * @param blocked calls a guard refused
   * @param meanScore the mean quality score of the slice's traces; negative when none was scored
   */
  record Row(String key, long calls, long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens,
      BigDecimal cost, long unknownCostCalls, long blocked, double meanScore) {}

  /** The slices of {@code dimension} in {@code ledger}, totals since start, most expensive first. */
  static List<Row> fromLedger(LedgerSnapshot ledger, Dimension dimension) {
    List<Row> rows = new ArrayList<>();
    for (SliceSnapshot slice : ledger.slices(dimension)) {
      Figures f = slice.total();
      rows.add(new Row(slice.key(), f.calls(), f.inputTokens(), f.cachedInputTokens(), f.outputTokens(),
          f.reasoningTokens(), f.costUsd(), f.unknownCostCalls(), f.blocked(), f.scoreCount() == 0 ? -1 : f.meanScore()));
    }
    rows.sort(Comparator.comparing(Row::cost).reversed());
    return rows;
  }

  static String render(String title, List<Row> rows) {
    StringBuilder out = new StringBuilder(title).append('\n');
    out.append(String.format(Locale.ROOT, LINE, "", "calls", "blocked", "in (cached)", "out (reason)", "cost", "share",
        "quality"));
    BigDecimal total = BigDecimal.ZERO;
    for (Row row : rows) {
      total = total.add(row.cost());
    }
    for (Row row : rows) {
      String share = total.signum() == 0 ? "-"
          : row.cost().multiply(BigDecimal.valueOf(100)).divide(total, 0, RoundingMode.HALF_UP) + "%";
      String cost = AiSpans.money(row.cost()) + (row.unknownCostCalls() > 0 ? "+?" : "");
      String quality = row.meanScore() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", row.meanScore());
      out.append(String.format(Locale.ROOT, LINE, row.key(), row.calls(), row.blocked(),
          row.inputTokens() + " (" + row.cachedTokens() + ")", row.outputTokens() + " (" + row.reasoningTokens() + ")",
          cost, share, quality));
    }
    return out.toString();
  }
}
