package dev.aitrace.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aitrace.internal.SelfLog;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Opt-in recording of prompts and completions as {@code gen_ai.input.messages} / {@code
 * gen_ai.output.messages}, in the JSON shape of the GenAI semantic conventions: {@code
 * [{"role":"user","parts":[{"type":"text","content":"..."}]}]}. Every text goes through the
 * redactor; the texts of one attribute together keep at most {@code maxLength} characters, the rest
 * is cut and marked. Immutable and thread-safe.
 */
final class ContentCapture {
  static final ContentCapture OFF = new ContentCapture(false, ContentRedactor.none(), 0);
  static final String TRUNCATED = "...[truncated]";
  private static final JsonFactory JSON = new JsonFactory();

  private final boolean enabled;
  private final ContentRedactor redactor;
  private final int maxLength;

  ContentCapture(boolean enabled, ContentRedactor redactor, int maxLength) {
    this.enabled = enabled;
    this.redactor = redactor;
    this.maxLength = maxLength;
  }

  boolean enabled() {
    return enabled;
  }

  /** The messages as JSON; null when capture is off or the messages cannot be written. */
  String json(List<CapturedMessage> messages) {
    if (!enabled) {
      return null;
    }
    try {
      StringWriter out = new StringWriter();
      int budget = maxLength;
      try (JsonGenerator json = JSON.createGenerator(out)) {
        json.writeStartArray();
        for (CapturedMessage message : messages) {
          json.writeStartObject();
          json.writeStringField("role", message.role());
          json.writeArrayFieldStart("parts");
          if (message.text() != null) {
            String text = redact(message.text());
            if (text.length() > budget) {
              text = text.substring(0, Math.max(0, budget)) + TRUNCATED;
            }
            budget = Math.max(0, budget - text.length());
            json.writeStartObject();
            json.writeStringField("type", "text");
            json.writeStringField("content", text);
            json.writeEndObject();
          }
          json.writeEndArray();
          if (message.finishReason() != null) {
            json.writeStringField("finish_reason", message.finishReason());
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      return out.toString();
    } catch (IOException | RuntimeException e) {
      SelfLog.fault("openai.captureContent", e);
      return null;
    }
  }

  private String redact(String text) {
    try {
      String redacted = redactor.redact(text);
      return redacted == null ? "" : redacted;
    } catch (Throwable t) {
      SelfLog.fault("openai.redactor", t);
      return "[redaction failed]";
    }
  }
}
