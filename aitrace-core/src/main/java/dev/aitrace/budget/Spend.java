package dev.aitrace.budget;

import java.math.BigDecimal;

/** What one key spent in one period of one budget. Thread-safe. */
final class Spend {
  final int budget;
  final String key;
  final String period;
  private BigDecimal spent = BigDecimal.ZERO;
  private int thresholdsPassed;
  private volatile long expiresMillis;

  Spend(int budget, String key, String period, long expiresMillis) {
    this.budget = budget;
    this.key = key;
    this.period = period;
    this.expiresMillis = expiresMillis;
  }

  synchronized BigDecimal spent() {
    return spent;
  }

  /**
   * Adds {@code usd} and returns the indexes of the thresholds this addition crossed, in order;
   * each threshold is crossed once per period.
   */
  synchronized int[] add(BigDecimal usd, BigDecimal limit, java.util.List<BigDecimal> thresholds, long expires) {
    spent = spent.add(usd);
    expiresMillis = Math.max(expiresMillis, expires);
    int from = thresholdsPassed;
    while (thresholdsPassed < thresholds.size()
        && spent.compareTo(limit.multiply(thresholds.get(thresholdsPassed))) >= 0) {
      thresholdsPassed++;
    }
    int[] crossed = new int[thresholdsPassed - from];
    for (int i = 0; i < crossed.length; i++) {
      crossed[i] = from + i;
    }
    return crossed;
  }

  /** When the period ends and the entry may be dropped. */
  long expiresMillis() {
    return expiresMillis;
  }
}
