package dev.aitrace.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The slices of one {@link Dimension}, at most {@code maxKeys} of them; calls for further keys go to
 * the {@link CostLedger#OTHER} slice and are counted, so that a million distinct users cannot exhaust
 * the heap. Thread-safe.
 */
final class DimensionTable {
  private final Dimension dimension;
  private final int maxKeys;
  private final ConcurrentHashMap<String, Slice> slices = new ConcurrentHashMap<>();
  private final AtomicInteger reserved = new AtomicInteger();
  private final Slice other;
  private final LongAdder overflowCalls = new LongAdder();

  DimensionTable(Dimension dimension, int maxKeys) {
    this.dimension = dimension;
    this.maxKeys = maxKeys;
    this.other = new Slice(CostLedger.OTHER, dimension.keepsPercentiles());
  }

  /** The slice of {@code key}; the overflow slice when the table is full and {@code key} is new. */
  Slice slice(String key, boolean counts) {
    Slice slice = slices.get(key);
    if (slice != null) {
      return slice;
    }
    // Reserve a place first, so that racing threads cannot push the table past its cap.
    if (reserved.incrementAndGet() > maxKeys) {
      reserved.decrementAndGet();
      if (counts) {
        overflowCalls.increment();
      }
      return other;
    }
    Slice created = new Slice(key, dimension.keepsPercentiles());
    Slice raced = slices.putIfAbsent(key, created);
    if (raced != null) {
      reserved.decrementAndGet();
      return raced;
    }
    return created;
  }

  /** The slice of {@code key} if it exists, without creating one. */
  Slice existing(String key) {
    return slices.get(key);
  }

  Slice other() {
    return other;
  }

  int keyCount() {
    return slices.size();
  }

  long overflowCalls() {
    return overflowCalls.sum();
  }

  List<SliceSnapshot> snapshot(long nowMillis) {
    List<Slice> all = new ArrayList<>(slices.values());
    all.sort(Comparator.comparing(Slice::totalCost).reversed().thenComparing(Slice::key));
    List<SliceSnapshot> result = new ArrayList<>(all.size() + 1);
    for (Slice s : all) {
      result.add(s.snapshot(nowMillis));
    }
    SliceSnapshot overflow = other.snapshot(nowMillis);
    if (overflow.total().calls() > 0 || overflow.total().scoreCount() > 0) {
      result.add(overflow);
    }
    return List.copyOf(result);
  }
}
