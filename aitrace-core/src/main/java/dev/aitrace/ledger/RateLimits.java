package dev.aitrace.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The rate-limit headroom last reported per model, for at most {@code maxModels} models. Thread-safe. */
final class RateLimits {
  private final int maxModels;
  private final ConcurrentHashMap<String, RateLimitSnapshot> latest = new ConcurrentHashMap<>();

  RateLimits(int maxModels) {
    this.maxModels = maxModels;
  }

  void update(String model, AiCallRecord.RateLimit limit, Instant at) {
    if (latest.size() >= maxModels && !latest.containsKey(model)) {
      return;
    }
    RateLimitSnapshot next = new RateLimitSnapshot(model, limit.limitRequests(), limit.remainingRequests(),
        limit.limitTokens(), limit.remainingTokens(), at);
    // Calls end out of order; keep the newest observation.
    latest.merge(model, next, (old, now) -> now.observedAt().isBefore(old.observedAt()) ? old : now);
  }

  List<RateLimitSnapshot> snapshot() {
    List<RateLimitSnapshot> all = new ArrayList<>(latest.values());
    all.sort(Comparator.comparing(RateLimitSnapshot::model));
    return List.copyOf(all);
  }
}
