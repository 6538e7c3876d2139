package dev.aitrace.export.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads what an OTLP/HTTP JSON collector answers: {@code partialSuccess} ({@code rejectedSpans},
 * {@code errorMessage}) on success, a {@code google.rpc.Status} {@code message} on failure. A body
 * that is not the JSON expected is tolerated and summarised, never trusted.
 */
final class OtlpResponse {
  private static final JsonFactory FACTORY = new JsonFactory();

  final long rejectedSpans;
  final String message;
  final boolean readable;

  private OtlpResponse(long rejectedSpans, String message, boolean readable) {
    this.rejectedSpans = rejectedSpans;
    this.message = message;
    this.readable = readable;
  }

  static OtlpResponse parse(byte[] body) {
    if (body.length == 0) {
      return new OtlpResponse(0, "", true);
    }
    long rejected = 0;
    String message = "";
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return garbage(body);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("partialSuccess") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            p.nextToken();
            if (inner.equals("rejectedSpans")) {
              rejected = p.getValueAsLong(0);
            } else if (inner.equals("errorMessage")) {
              message = p.getValueAsString("");
            } else {
              p.skipChildren();
            }
          }
        } else if (field.equals("message") && value == JsonToken.VALUE_STRING) {
          message = p.getText();
        } else {
          p.skipChildren();
        }
      }
      return new OtlpResponse(rejected, summary(message), true);
    } catch (IOException | RuntimeException e) {
      return garbage(body);
    }
  }

  private static OtlpResponse garbage(byte[] body) {
    return new OtlpResponse(0, "unreadable body of " + body.length + " bytes", false);
  }

  /** At most 200 printable characters: a collector's message must not flood or forge log lines. */
  static String summary(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && out.length() < 200; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }
}
