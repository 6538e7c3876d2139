package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.ledger.Dimension;
import dev.aitrace.ledger.LedgerSnapshot;
import dev.aitrace.ledger.SliceSnapshot;
import java.math.BigDecimal;
import java.util.Locale;

/** The README's ledger snippet: scores and value after the fact, then cost, quality and ROI per slice. */
public final class LedgerSnippet {
  private LedgerSnippet() {}

  /** Scores a finished trace, values its task, and reports the ledger as text. */
  public static String report(AiTrace aiTrace, String traceId, String taskId) {
    // --- README: ledger, scores and value ---
    aiTrace.scores().scoreTrace(traceId, "reviewer_rating", 0.9, "clear, sources cited");
    aiTrace.scores().valueTask(taskId, new BigDecimal("1200.00"), "invoiced to ACME");

    LedgerSnapshot now = aiTrace.ledger().snapshot();
    StringBuilder out = new StringBuilder();
    for (SliceSnapshot user : now.slices(Dimension.USER)) {
      out.append(String.format(Locale.ROOT, "user %s: $%s today, %d calls, %d errors%n", user.key(),
          user.lastDay().costUsd().toPlainString(), user.lastDay().calls(), user.lastDay().errors()));
    }
    for (SliceSnapshot agent : now.slices(Dimension.AGENT)) {
      out.append(String.format(Locale.ROOT, "agent %s: $%s, p95 %.0f ms, quality %.2f%n", agent.key(),
          agent.total().costUsd().toPlainString(), agent.total().latency().p95Millis(), agent.total().meanScore()));
    }
    for (SliceSnapshot category : now.slices(Dimension.CATEGORY)) {
      out.append(String.format(Locale.ROOT, "category %s: cost $%s, value $%s, ROI %s%n", category.key(),
          category.total().costUsd().toPlainString(), category.total().valueUsd().toPlainString(),
          category.total().roi().map(BigDecimal::toPlainString).orElse("n/a")));
    }
    // --- end ---
    return out.toString();
  }
}
