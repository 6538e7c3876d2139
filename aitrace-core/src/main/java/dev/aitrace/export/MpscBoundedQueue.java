package dev.aitrace.export;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free queue for many producers and one consumer: application threads offer ended
 * spans, the export worker polls them. {@link #offer} never blocks and never allocates; it fails
 * when the queue is full so the caller can count the drop.
 */
final class MpscBoundedQueue<E> {
  private final AtomicReferenceArray<E> slots;
  private final int mask;
  private final int capacity;
  private final AtomicLong producerIndex = new AtomicLong();
  private final AtomicLong consumerIndex = new AtomicLong();

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
  }

  /** Adds {@code e}; returns false, without blocking, when the queue is full. */
  boolean offer(E e) {
    long p;
    do {
      p = producerIndex.get();
      if (p - consumerIndex.get() >= capacity) {
        return false;
      }
    } while (!producerIndex.compareAndSet(p, p + 1));
    slots.lazySet((int) p & mask, e);
    return true;
  }

  /** Takes the oldest element, or returns null when empty. Only the single consumer may call it. */
  E poll() {
    long c = consumerIndex.get();
    int i = (int) c & mask;
    E e = slots.get(i);
    if (e == null) {
      if (c == producerIndex.get()) {
        return null;
      }
      // A producer has claimed the slot and is about to fill it.
      do {
        Thread.onSpinWait();
        e = slots.get(i);
      } while (e == null);
    }
    slots.lazySet(i, null);
    consumerIndex.lazySet(c + 1);
    return e;
  }

  int size() {
    long size = producerIndex.get() - consumerIndex.get();
    return (int) Math.max(0, Math.min(size, capacity));
  }

  int capacity() {
    return capacity;
  }
}
