package dev.aitrace.alert;

import org.HdrHistogram.IntCountsHistogram;

/**
 * Cost, calls, errors and latency per minute, for the current minute and the {@code size - 1} before
 * it. Minutes without calls count as zero cost, from the first minute recorded on. Not thread-safe:
 * the {@link AnomalyDetector} guards it.
 */
final class MinuteSeries {
  private final long[] minute;
  private final double[] cost;
  private final long[] calls;
  private final long[] errors;
  private final IntCountsHistogram[] latency;
  private long firstMinute = Long.MIN_VALUE;

  MinuteSeries(int size) {
    minute = new long[size];
    java.util.Arrays.fill(minute, Long.MIN_VALUE);
    cost = new double[size];
    calls = new long[size];
    errors = new long[size];
    latency = new IntCountsHistogram[size];
  }

  void add(long m, double usd, boolean error, long latencyMicros) {
    if (firstMinute == Long.MIN_VALUE) {
      firstMinute = m;
    }
    int slot = slot(m);
    if (minute[slot] != m) {
      minute[slot] = m;
      cost[slot] = 0;
      calls[slot] = 0;
      errors[slot] = 0;
      if (latency[slot] != null) {
        latency[slot].reset();
      }
    }
    cost[slot] += usd;
    calls[slot]++;
    if (error) {
      errors[slot]++;
    }
    if (latency[slot] == null) {
      latency[slot] = new IntCountsHistogram(2);
    }
    latency[slot].recordValue(Math.max(0, latencyMicros));
  }

  /** Minutes of history before {@code m} within the series, up to {@code size - 1}. */
  int historyMinutes(long m) {
    return firstMinute == Long.MIN_VALUE ? 0 : (int) Math.max(0, Math.min(minute.length - 1, m - firstMinute));
  }

  double cost(long m) {
    int slot = slot(m);
    return minute[slot] == m ? cost[slot] : 0;
  }

  long calls(long m) {
    int slot = slot(m);
    return minute[slot] == m ? calls[slot] : 0;
  }

  long errors(long m) {
    int slot = slot(m);
    return minute[slot] == m ? errors[slot] : 0;
  }

  /** The p95 latency of minute {@code m} in microseconds; 0 without calls. */
  double p95Micros(long m) {
    int slot = slot(m);
    return minute[slot] == m && latency[slot] != null && latency[slot].getTotalCount() > 0
        ? latency[slot].getValueAtPercentile(95) : 0;
  }

  /** Latency of minute {@code m} merged into {@code into}. */
  void addLatency(long m, IntCountsHistogram into) {
    int slot = slot(m);
    if (minute[slot] == m && latency[slot] != null) {
      into.add(latency[slot]);
    }
  }

  private int slot(long m) {
    return (int) Math.floorMod(m, (long) minute.length);
  }
}
