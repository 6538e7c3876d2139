package dev.aitrace.trace;

import java.time.Instant;

/**
 * Ties the monotonic {@link System#nanoTime()} to wall-clock time once per local root span, so that
 * all spans of one trace in this process share one time base: their durations are exact and a
 * clock step in the middle of a trace cannot make a child end before it starts.
 */
final class Anchor {
  private final long epochNanos;
  private final long nanoTime;

  private Anchor(long epochNanos, long nanoTime) {
    this.epochNanos = epochNanos;
    this.nanoTime = nanoTime;
  }

  static Anchor now() {
    Instant instant = Instant.now();
    long nano = System.nanoTime();
    return new Anchor(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), nano);
  }

  long epochNanos() {
    return epochNanos + (System.nanoTime() - nanoTime);
  }
}
