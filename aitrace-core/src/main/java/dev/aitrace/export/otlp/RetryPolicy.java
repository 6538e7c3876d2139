package dev.aitrace.export.otlp;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long the OTLP exporter waits before trying again: exponential backoff with full
 * jitter, as the OTLP specification suggests, unless the collector said how long with {@code
 * Retry-After}. Immutable.
 */
final class RetryPolicy {
  private static final double MULTIPLIER = 1.5;

  final int maxAttempts;
  final long initialBackoffNanos;
  final long maxBackoffNanos;

  RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this.maxAttempts = maxAttempts;
    this.initialBackoffNanos = initialBackoff.toNanos();
    this.maxBackoffNanos = Math.max(initialBackoff.toNanos(), maxBackoff.toNanos());
  }

  /** The HTTP status codes the OTLP/HTTP specification calls retryable. */
  static boolean isRetryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** The upper bound of the wait before attempt {@code attempt + 1}, without jitter. */
  long backoffNanos(int attempt) {
    double backoff = initialBackoffNanos * Math.pow(MULTIPLIER, Math.max(0, attempt - 1));
    return (long) Math.min(backoff, maxBackoffNanos);
  }

  /** A random wait in {@code [backoff/2, backoff]} so that many clients do not retry in lockstep. */
  long jitteredNanos(int attempt) {
    long backoff = backoffNanos(attempt);
    return backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
  }

  /**
   * The wait a {@code Retry-After} header asks for, in nanoseconds: delay-seconds or an HTTP date;
   * -1 when the header is absent or unreadable.
   */
  static long retryAfterNanos(String header, long nowEpochMillis) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? -1 : Duration.ofSeconds(Math.min(seconds, 86_400)).toNanos();
    } catch (NumberFormatException notSeconds) {
      try {
        long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        return Duration.ofMillis(Math.max(0, Math.min(at - nowEpochMillis, 86_400_000L))).toNanos();
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }
}
