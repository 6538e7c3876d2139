package dev.aitrace.examples.fakeopenai;

import com.sun.net.httpserver.Headers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's rate limiter: every {@code throttleEvery}-th request is answered with 429 and a
 * {@code retry-after}, which makes retries deterministic and reproducible; every response carries
 * the {@code x-ratelimit-*} headers OpenAI sends, with the remaining budget counting down and
 * refilling each minute. Thread-safe.
 */
final class RateLimits {
  static final long LIMIT_REQUESTS = 10_000;
  static final long LIMIT_TOKENS = 10_000_000;

  private final int throttleEvery;
  private final Duration retryAfter;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong tokensThisMinute = new AtomicLong();
  private final AtomicLong requestsThisMinute = new AtomicLong();
  private volatile long minute = currentMinute();

  RateLimits(int throttleEvery, Duration retryAfter) {
    this.throttleEvery = throttleEvery;
    this.retryAfter = retryAfter;
  }

  /** Counts a request; returns true when this one must be answered with 429. */
  boolean throttle() {
    long n = requests.incrementAndGet();
    refill();
    requestsThisMinute.incrementAndGet();
    return throttleEvery > 0 && n % throttleEvery == 0;
  }

  void consumed(long tokens) {
    tokensThisMinute.addAndGet(tokens);
  }

  long requests() {
    return requests.get();
  }

  void addHeaders(Headers headers, long estimatedTokens) {
    long remainingRequests = Math.max(0, LIMIT_REQUESTS - requestsThisMinute.get());
    long remainingTokens = Math.max(0, LIMIT_TOKENS - tokensThisMinute.get() - estimatedTokens);
    headers.set("x-ratelimit-limit-requests", Long.toString(LIMIT_REQUESTS));
    headers.set("x-ratelimit-limit-tokens", Long.toString(LIMIT_TOKENS));
    headers.set("x-ratelimit-remaining-requests", Long.toString(remainingRequests));
    headers.set("x-ratelimit-remaining-tokens", Long.toString(remainingTokens));
    headers.set("x-ratelimit-reset-requests", "6ms");
    headers.set("x-ratelimit-reset-tokens", (estimatedTokens * 6 / 1000 + 1) + "ms");
  }

  void addRetryAfter(Headers headers) {
    long millis = retryAfter.toMillis();
    headers.set("retry-after", Long.toString(Math.max(1, (millis + 999) / 1000)));
    headers.set("retry-after-ms", Long.toString(millis));
  }

  private void refill() {
    long now = currentMinute();
    if (now != minute) {
      minute = now;
      requestsThisMinute.set(0);
      tokensThisMinute.set(0);
    }
  }

  private static long currentMinute() {
    return System.currentTimeMillis() / 60_000;
  }
}
