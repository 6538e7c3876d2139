package dev.aitrace.examples.fakeopenai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a plausible answer for the role the system prompt describes (manager, recruiter, content
 * specialist, quality reviewer), derived from the prompt alone: the same request always gets the
 * same answer, so demo runs and tests are reproducible.
 */
final class ReplyScripts {
  /** The phrase that makes the manager delegate instead of planning: the demo's runaway loop. */
  static final String COMPLEX = "unusually complex requirements";

  private static final List<String> SPECIALISTS =
      List.of("market researcher", "financial analyst", "industry expert", "data scientist", "copy editor");
  private static final List<String> RISKS =
      List.of("pricing pressure from low-cost entrants", "supply-chain concentration in one region",
          "regulatory review of data practices", "slowing enterprise IT budgets");

  private final JsonFactory json;

  ReplyScripts(JsonFactory json) {
    this.json = json;
  }

  ChatReply reply(ChatRequest request) {
    String system = request.systemPrompt().toLowerCase(Locale.ROOT);
    String user = request.lastUserMessage();
    String topic = topic(user);
    Random random = new Random(topic.hashCode() * 31L + system.length());
    if (system.contains("manager")) {
      return ChatReply.text(manager(user, topic));
    }
    if (system.contains("recruiter")) {
      return ChatReply.text(recruiter(topic, random));
    }
    if (system.contains("quality")) {
      return ChatReply.text(review(user, random));
    }
    if (system.contains("content specialist") || system.contains("writer")) {
      if (!request.toolNames().isEmpty() && request.toolResults().isEmpty()) {
        String tool = request.toolNames().get(0);
        return ChatReply.toolCall(tool, arguments("query", topic + " market size competitors 2026"));
      }
      return ChatReply.text(deliverable(topic, request.toolResults(), random));
    }
    return ChatReply.text("Here is a short answer about " + topic + ": it depends on the goals, "
        + "the budget and the timeline; start with the smallest step that proves value.");
  }

  /** The subject of a brief: its first line, without a leading "Brief:" and trailing punctuation. */
  static String topic(String userMessage) {
    String line = userMessage.strip().lines().findFirst().orElse("").strip();
    int colon = line.indexOf(':');
    if (colon >= 0 && colon < 20) {
      line = line.substring(colon + 1).strip();
    }
    while (line.endsWith(".") || line.endsWith("!")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.length() > 120) {
      line = line.substring(0, 120);
    }
    return line.isEmpty() ? "the request" : line;
  }

  private static String manager(String user, String topic) {
    if (user.toLowerCase(Locale.ROOT).contains(COMPLEX)) {
      return "DELEGATE: " + topic + " — split out one part of the " + COMPLEX + " and hand it to a"
          + " sub-manager.";
    }
    return "PLAN: 1) recruit a team for \"" + topic + "\"; 2) research and write the deliverable;"
        + " 3) quality review before it goes to the client.";
  }

  private static String recruiter(String topic, Random random) {
    int first = random.nextInt(SPECIALISTS.size());
    int second = (first + 1 + random.nextInt(SPECIALISTS.size() - 1)) % SPECIALISTS.size();
    return "Proposed team for " + topic + ":\n"
        + "1. Content specialist — lead author, owns structure and narrative.\n"
        + "2. " + capitalize(SPECIALISTS.get(first)) + " — sources and checks the numbers.\n"
        + "3. " + capitalize(SPECIALISTS.get(second)) + " — reviews assumptions and gaps.\n"
        + "4. QA reviewer — scores the draft before delivery.\n"
        + "Estimated effort: " + (2 + random.nextInt(4)) + " agent-hours.";
  }

  private static String deliverable(String topic, List<String> research, Random random) {
    int size = 4 + random.nextInt(40);
    int growth = 3 + random.nextInt(12);
    int share = 8 + random.nextInt(25);
    String facts = research.isEmpty() ? "public filings and analyst notes" : research.get(research.size() - 1);
    return "# " + capitalize(topic) + "\n\n"
        + "## Summary\nThe addressable market is about $" + size + "B, growing " + growth
        + "% a year. The leading player holds roughly " + share + "% share; the rest is fragmented.\n\n"
        + "## Evidence\nBased on " + facts + ".\n\n"
        + "## Competitors\nThree incumbents compete on price and two challengers on product depth; "
        + "switching costs are moderate and falling.\n\n"
        + "## Risks\n- " + RISKS.get(random.nextInt(RISKS.size())) + "\n- "
        + RISKS.get(random.nextInt(RISKS.size())) + "\n\n"
        + "## Recommendation\nEnter through a focused segment where growth exceeds " + growth
        + "% and expand once unit economics are proven within four quarters.";
  }

  private static String review(String draft, Random random) {
    int sections = draft.split("\n## ").length - 1;
    double score = Math.min(0.97, 0.55 + 0.07 * sections + random.nextInt(8) / 100.0);
    String verdict = score >= 0.8 ? "ready for the client" : "needs another pass";
    return String.format(Locale.ROOT, "SCORE: %.2f%nVERDICT: %s%nNOTES: %d sections; %s.",
        score, verdict, sections, sections >= 5 ? "structure complete, figures sourced"
            : "missing sections and sources");
  }

  private String arguments(String key, String value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(key, value);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
