package dev.aitrace.ledger;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The rate-limit headroom a model's provider last reported ({@code x-ratelimit-*} headers).
 *
 * @param model the requested model
 * @param limitRequests requests allowed per window; -1 when not reported
 * @param remainingRequests requests left; -1 when not reported
 * @param limitTokens tokens allowed per window; -1 when not reported
 * @param remainingTokens tokens left; -1 when not reported
 * @param observedAt when the response that reported them ended
 */
public record RateLimitSnapshot(
    String model, long limitRequests, long remainingRequests, long limitTokens, long remainingTokens,
    Instant observedAt) {

  /** Remaining requests as a fraction of the limit, when both were reported. */
  public OptionalDouble requestHeadroom() {
    return limitRequests > 0 && remainingRequests >= 0
        ? OptionalDouble.of((double) remainingRequests / limitRequests) : OptionalDouble.empty();
  }

  /** Remaining tokens as a fraction of the limit, when both were reported. */
  public OptionalDouble tokenHeadroom() {
    return limitTokens > 0 && remainingTokens >= 0
        ? OptionalDouble.of((double) remainingTokens / limitTokens) : OptionalDouble.empty();
  }
}
