package dev.aitrace.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the {@link CostLedger} knows at one moment, for a dashboard or a report. Immutable.
 *
 * @param takenAt when the snapshot was taken (the ledger's clock)
 * @param overall every AI call
 * @param slices per dimension, the slices ordered by total cost, highest first
 * @param overflowCalls per dimension, calls that went to {@link CostLedger#OTHER} because the
 *     dimension already held its maximum of distinct keys
 * @param rateLimits per model, the headroom last reported
 * @param inFlightByAgent AI calls started and not yet ended, per agent ({@link
 *     CostLedger#UNATTRIBUTED} outside any agent)
 */
public record LedgerSnapshot(
    Instant takenAt,
    SliceSnapshot overall,
    Map<Dimension, List<SliceSnapshot>> slices,
    Map<Dimension, Long> overflowCalls,
    List<RateLimitSnapshot> rateLimits,
    Map<String, Long> inFlightByAgent) {

  /** The slices of {@code dimension}. */
  public List<SliceSnapshot> slices(Dimension dimension) {
    return slices.getOrDefault(dimension, List.of());
  }

  /** The slice of {@code key} in {@code dimension}, if it has one. */
  public Optional<SliceSnapshot> slice(Dimension dimension, String key) {
    return slices(dimension).stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
