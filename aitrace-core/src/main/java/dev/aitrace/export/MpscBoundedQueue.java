package dev.aitrace.export;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free queue for many producers and one consumer: application threads offer ended
 * spans, the export worker polls them. {@link #offer} never blocks and never allocates; it fails
 * when the queue is full so the caller can count the drop.
 *
 * <p>The producer index and the consumer index sit on separate cache lines, and producers read the
 * consumer index only when the last limit they saw is used up, so application threads and the
 * worker do not invalidate each other's cache line on every span.
 */
final class MpscBoundedQueue<E> {
  // Indices into {@link #counters}, 128 bytes apart and away from the array header.
  private static final int PRODUCER = 16;
  private static final int PRODUCER_LIMIT = 17;
  private static final int CONSUMER = 32;
  private static final int COUNTERS = 48;

  private final AtomicReferenceArray<E> slots;
  private final int mask;
  private final int capacity;
  private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);

  MpscBoundedQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    int size = Integer.highestOneBit(capacity);
    if (size < capacity) {
      size <<= 1;
    }
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
    this.capacity = capacity;
    counters.set(PRODUCER_LIMIT, capacity);
  }

  /** Adds {@code e}; returns false, without blocking, when the queue is full. */
  boolean offer(E e) {
    long p;
    do {
      p = counters.get(PRODUCER);
      if (p >= counters.get(PRODUCER_LIMIT)) {
        // The consumer index only grows, so a limit computed from it is never too high; a racing
        // producer writing an older, lower limit only costs a later re-read.
        long limit = counters.get(CONSUMER) + capacity;
        if (p >= limit) {
          return false;
        }
        counters.set(PRODUCER_LIMIT, limit);
      }
    } while (!counters.compareAndSet(PRODUCER, p, p + 1));
    slots.lazySet((int) p & mask, e);
    return true;
  }

  /** Takes the oldest element, or returns null when empty. Only the single consumer may call it. */
  E poll() {
    long c = counters.get(CONSUMER);
    int i = (int) c & mask;
    E e = slots.get(i);
    if (e == null) {
      if (c == counters.get(PRODUCER)) {
        return null;
      }
      // A producer has claimed the slot and is about to fill it.
      do {
        Thread.onSpinWait();
        e = slots.get(i);
      } while (e == null);
    }
    slots.lazySet(i, null);
    counters.lazySet(CONSUMER, c + 1);
    return e;
  }

  int size() {
    long size = counters.get(PRODUCER) - counters.get(CONSUMER);
    return (int) Math.max(0, Math.min(size, capacity));
  }

  int capacity() {
    return capacity;
  }
}
