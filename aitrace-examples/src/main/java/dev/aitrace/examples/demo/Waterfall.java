package dev.aitrace.examples.demo;

import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.score.Scores;
import io.opentelemetry.api.trace.StatusCode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Renders a {@link TraceTree} as a terminal waterfall: one line per span, indented under its
 * parent, with the agent, the tokens (input with the cached part, output with the reasoning part),
 * cost, time to first token, duration, retries, and a bar placing the span on the trace's timeline;
 * errors and guard stops are named at the end of the line.
 */
final class Waterfall {
  private static final int NAME_WIDTH = 40;
  private static final int BAR_WIDTH = 30;
  private static final int NOTE_WIDTH = 90;
  private static final String LINE = "%-" + NAME_WIDTH + "s %-18s %13s %13s %10s %7s %8s %5s  %s %s%n";

  private Waterfall() {}

  static String render(TraceTree tree) {
    StringBuilder out = new StringBuilder();
    BigDecimal total = BigDecimal.ZERO;
    long aiCalls = 0;
    for (SpanRecord span : tree.spans()) {
      if (AiSpans.isAiCall(span)) {
        aiCalls++;
        total = total.add(AiSpans.cost(span).orElse(BigDecimal.ZERO));
      }
    }
    String user = "-";
    String category = "-";
    for (SpanRecord span : tree.spans()) {
      user = user.equals("-") ? AiSpans.user(span) : user;
      category = category.equals("-") ? AiSpans.budgetCategory(span) : category;
    }
    out.append(String.format(Locale.ROOT, "trace %s  user=%s  budget=%s  %d AI calls  %s  %s%n",
        tree.traceId(), user, category, aiCalls, AiSpans.money(total), AiSpans.duration(tree.durationNanos())));
    out.append(String.format(Locale.ROOT, LINE, "span", "agent", "in (cached)", "out (reason)", "cost", "ttft",
        "time", "retry", "|" + timeline(tree.durationNanos()) + "|", ""));
    for (TraceTree.Node node : tree.flatten()) {
      out.append(line(tree, node));
    }
    return out.toString();
  }

  private static String line(TraceTree tree, TraceTree.Node node) {
    SpanRecord span = node.span();
    String name = "  ".repeat(node.depth()) + span.name();
    if (name.length() > NAME_WIDTH) {
      name = name.substring(0, NAME_WIDTH - 1) + "…";
    }
    boolean ai = AiSpans.isAiCall(span);
    String in = "";
    String out = "";
    String cost = "";
    String ttft = "";
    String retries = "";
    if (ai) {
      in = AiSpans.tokens(span, GenAiAttributes.USAGE_INPUT_TOKENS) + " ("
          + AiSpans.tokens(span, GenAiAttributes.USAGE_CACHED_INPUT_TOKENS) + ")";
      out = AiSpans.tokens(span, GenAiAttributes.USAGE_OUTPUT_TOKENS) + " ("
          + AiSpans.tokens(span, GenAiAttributes.USAGE_REASONING_TOKENS) + ")";
      cost = AiSpans.money(AiSpans.cost(span));
      Double firstChunk = span.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK);
      ttft = firstChunk == null ? "-" : Math.round(firstChunk * 1000) + " ms";
      retries = Long.toString(AiSpans.tokens(span, GenAiAttributes.RETRY_COUNT));
    }
    return String.format(Locale.ROOT, LINE, name, AiSpans.agent(span), in, out, cost, ttft,
        AiSpans.duration(span.durationNanos()), retries, "|" + bar(tree, span) + "|", note(span));
  }

  private static String bar(TraceTree tree, SpanRecord span) {
    long total = Math.max(1, tree.durationNanos());
    int from = (int) Math.min(BAR_WIDTH - 1, (span.startEpochNanos() - tree.startNanos()) * BAR_WIDTH / total);
    int to = (int) Math.min(BAR_WIDTH, (span.endEpochNanos() - tree.startNanos()) * BAR_WIDTH / total);
    to = Math.max(to, from + 1);
    return " ".repeat(from) + "█".repeat(to - from) + " ".repeat(BAR_WIDTH - to);
  }

  private static String timeline(long durationNanos) {
    String end = AiSpans.duration(durationNanos);
    String start = "0";
    return start + "-".repeat(Math.max(1, BAR_WIDTH - start.length() - end.length())) + end;
  }

  private static String note(SpanRecord span) {
    String note = fullNote(span);
    return note.length() <= NOTE_WIDTH ? note : note.substring(0, NOTE_WIDTH - 1) + "…";
  }

  private static String fullNote(SpanRecord span) {
    Double score = span.attributes().get(Scores.SCORE_VALUE);
    if (score != null) {
      String comment = span.attributes().get(Scores.SCORE_COMMENT);
      return String.format(Locale.ROOT, "%s = %.2f%s", span.attributes().get(Scores.SCORE_NAME), score,
          comment == null || comment.isEmpty() ? "" : " (" + comment + ")");
    }
    String blocked = span.attributes().get(GenAiAttributes.BLOCKED_REASON);
    if (blocked != null) {
      return "BLOCKED: " + blocked;
    }
    if (span.statusCode() != StatusCode.ERROR) {
      return "";
    }
    String type = span.attributes().get(GenAiAttributes.ERROR_TYPE);
    if (type == null) {
      return "ERROR " + span.statusDescription();
    }
    String description = span.statusDescription();
    return "ERROR " + type.substring(type.lastIndexOf('.') + 1) + (description.isEmpty() ? "" : ": " + description);
  }
}
