package dev.aitrace.openai;

import com.openai.core.http.Headers;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Reads what OpenAI's response headers say about a call: {@code x-request-id} (to quote to OpenAI
 * support) and the {@code x-ratelimit-*} budget left, kept on the span for the ledger. Only these
 * named headers are read; nothing else of the response headers is recorded.
 */
final class ResponseHeaders {
  static final String REQUEST_ID = "x-request-id";

  private ResponseHeaders() {}

  static void record(Span span, Headers headers) {
    try {
      String requestId = first(headers, REQUEST_ID);
      if (requestId != null) {
        span.setAttribute(GenAiAttributes.OPENAI_REQUEST_ID, requestId);
      }
      number(span, headers, "x-ratelimit-limit-requests", GenAiAttributes.RATELIMIT_LIMIT_REQUESTS);
      number(span, headers, "x-ratelimit-limit-tokens", GenAiAttributes.RATELIMIT_LIMIT_TOKENS);
      number(span, headers, "x-ratelimit-remaining-requests", GenAiAttributes.RATELIMIT_REMAINING_REQUESTS);
      number(span, headers, "x-ratelimit-remaining-tokens", GenAiAttributes.RATELIMIT_REMAINING_TOKENS);
      String reset = first(headers, "x-ratelimit-reset-requests");
      if (reset != null) {
        span.setAttribute(GenAiAttributes.RATELIMIT_RESET_REQUESTS, reset);
      }
      reset = first(headers, "x-ratelimit-reset-tokens");
      if (reset != null) {
        span.setAttribute(GenAiAttributes.RATELIMIT_RESET_TOKENS, reset);
      }
    } catch (Throwable t) {
      SelfLog.fault("openai.responseHeaders", t);
    }
  }

  /** The {@code retry-after-ms} or {@code retry-after} header as sent, or null. */
  static String retryAfter(Headers headers) {
    String millis = first(headers, "retry-after-ms");
    if (millis != null) {
      return millis + "ms";
    }
    return first(headers, "retry-after");
  }

  static String first(Headers headers, String name) {
    List<String> values = headers.values(name);
    return values.isEmpty() ? null : values.get(0);
  }

  private static void number(Span span, Headers headers, String name, AttributeKey<Long> key) {
    String value = first(headers, name);
    if (value != null) {
      try {
        span.setAttribute(key, Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        // a malformed header is ignored, never reflected
      }
    }
  }
}
