package dev.aitrace.examples.demo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The QA agent's verdict on a deliverable.
 *
 * @param score quality from 0 to 1
 * @param text the review as the model wrote it
 */
record Review(double score, String text) {
  private static final Pattern SCORE = Pattern.compile("(?i)score\\s*[:=]\\s*([01](?:\\.\\d+)?)");

  /** Reads {@code SCORE: 0.87} from a review; a review without one scores 0 (it failed the format). */
  static Review parse(String text) {
    Matcher m = SCORE.matcher(text);
    double score = m.find() ? Math.min(1, Double.parseDouble(m.group(1))) : 0;
    return new Review(score, text.strip());
  }

  /** The review's first line after the score, such as {@code VERDICT: ready for the client}. */
  String verdict() {
    return text.lines().filter(l -> l.toUpperCase(Locale.ROOT).startsWith("VERDICT")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
  }
}
