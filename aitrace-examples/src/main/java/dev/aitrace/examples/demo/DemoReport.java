package dev.aitrace.examples.demo;

import dev.aitrace.alert.Alert;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.ledger.Dimension;
import dev.aitrace.ledger.LedgerSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's terminal output after a run: per request a waterfall of its trace with the outcome and
 * the QA score, then the cost per agent, user and budget category, then the quality scores.
 */
final class DemoReport {
  private DemoReport() {}

  static String render(List<DemoRuntime.Outcome> outcomes, List<SpanRecord> spans, QualityScores scores,
      LedgerSnapshot ledger, List<Alert> alerts) {
    StringBuilder out = new StringBuilder();
    Map<String, TraceTree> trees = new HashMap<>();
    for (TraceTree tree : TraceTree.of(spans)) {
      trees.put(tree.traceId(), tree);
    }
    for (DemoRuntime.Outcome outcome : outcomes) {
      out.append("\n== ").append(outcome.request().user()).append(" (").append(outcome.request().budgetCategory())
          .append("): \"").append(outcome.request().brief()).append("\"\n");
      TraceTree tree = trees.get(outcome.traceId());
      out.append(tree == null ? "(no spans recorded for trace " + outcome.traceId() + ")\n" : Waterfall.render(tree));
      out.append(outcome(outcome, scores)).append('\n');
    }
    out.append('\n');
    out.append(CostBreakdown.render("Cost per agent (from the ledger)",
        CostBreakdown.fromLedger(ledger, Dimension.AGENT))).append('\n');
    out.append(CostBreakdown.render("Cost per user", CostBreakdown.fromLedger(ledger, Dimension.USER))).append('\n');
    out.append(CostBreakdown.render("Cost per budget category",
        CostBreakdown.fromLedger(ledger, Dimension.CATEGORY))).append('\n');
    out.append("Quality scores (QA agent)\n");
    for (DemoRuntime.Outcome outcome : outcomes) {
      scores.of(outcome.traceId()).ifPresent(review -> out.append(String.format(Locale.ROOT,
          "  %.2f  %-22s %-8s %s%n", review.score(), review.verdict(), outcome.request().user(),
          outcome.request().brief())));
    }
    if (!alerts.isEmpty()) {
      out.append("\nAlerts\n");
      for (Alert alert : alerts) {
        out.append("  ").append(alert.type()).append(": ").append(alert.message()).append('\n');
      }
    }
    return out.toString();
  }

  /** One line: what came back, with the trace id to look the request up by. */
  static String outcome(DemoRuntime.Outcome outcome, QualityScores scores) {
    String traceId = outcome.traceId().isEmpty() ? "-" : outcome.traceId();
    if (outcome.status() == 200) {
      return scores.of(outcome.traceId())
          .map(r -> String.format(Locale.ROOT, "-> 200, quality %.2f (%s), X-Trace-ID %s", r.score(), r.verdict(), traceId))
          .orElse("-> 200, X-Trace-ID " + traceId);
    }
    String firstLine = outcome.body().strip().lines().findFirst().orElse("");
    return "-> " + outcome.status() + " " + firstLine + " (X-Trace-ID " + traceId + ")";
  }
}
