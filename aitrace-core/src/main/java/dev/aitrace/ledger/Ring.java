package dev.aitrace.ledger;

/**
 * A rolling window as a ring of {@link Tally} buckets: a value lands in the bucket of its time, and a
 * bucket is reused, after a reset, once the ring comes round to it again. The window so covers its
 * length minus at most one bucket. Not thread-safe: its {@link Slice} guards it. Buckets are created
 * on first use, so a key that saw one call holds one bucket.
 */
final class Ring {
  private final long bucketMillis;
  private final Tally[] buckets;
  private final long[] epochs; // which bucket period each slot holds

  Ring(long bucketMillis, int size) {
    this.bucketMillis = bucketMillis;
    this.buckets = new Tally[size];
    this.epochs = new long[size];
  }

  /** The bucket for time {@code nowMillis}, emptied if it last held an older period. */
  Tally at(long nowMillis, boolean percentiles) {
    long epoch = Math.floorDiv(nowMillis, bucketMillis);
    int slot = (int) Math.floorMod(epoch, (long) buckets.length);
    Tally t = buckets[slot];
    if (t == null) {
      t = buckets[slot] = new Tally(percentiles);
      epochs[slot] = epoch;
    } else if (epochs[slot] != epoch) {
      t.reset();
      epochs[slot] = epoch;
    }
    return t;
  }

  /** The sum of the buckets within the window ending at {@code nowMillis}. */
  Tally sum(long nowMillis, boolean percentiles) {
    long epoch = Math.floorDiv(nowMillis, bucketMillis);
    Tally sum = new Tally(percentiles);
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] != null && epochs[i] > epoch - buckets.length && epochs[i] <= epoch) {
        sum.addAll(buckets[i]);
      }
    }
    return sum;
  }
}
