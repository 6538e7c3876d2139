package dev.aitrace.openai;

/**
 * Rewrites prompt and completion text before it is recorded on a span, for example to mask e-mail
 * addresses or customer numbers. Only used when content capture is on. Implementations must be
 * thread-safe and fast; a redactor that throws causes the text to be left out, never recorded
 * unredacted.
 *
 * <pre>{@code
 * ContentRedactor emails = text -> text.replaceAll("[\\w.+-]+@[\\w.-]+", "<email>");
 * OpenAIClient client = TracedOpenAI.builder(aiTrace).captureContent(true).redactor(emails).build();
 * }</pre>
 */
@FunctionalInterface
public interface ContentRedactor {
  /** The text to record in place of {@code text}; may be empty, never null. */
  String redact(String text);

  /** Records text as it is. */
  static ContentRedactor none() {
    return text -> text;
  }
}
