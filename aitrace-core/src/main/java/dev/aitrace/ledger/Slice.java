package dev.aitrace.ledger;

import java.math.BigDecimal;

/**
 * The figures of one key of one dimension (or of all calls): a total and three rolling windows.
 * Thread-safe: every method holds the slice's lock, which only calls of the same key contend for.
 */
final class Slice {
  static final long MINUTE_BUCKET = 10_000;
  static final long HOUR_BUCKET = 300_000;
  static final long DAY_BUCKET = 3_600_000;

  private final String key;
  private final boolean percentiles;
  private final Tally total;
  private final Ring minute = new Ring(MINUTE_BUCKET, 6);
  private final Ring hour = new Ring(HOUR_BUCKET, 12);
  private final Ring day = new Ring(DAY_BUCKET, 24);

  Slice(String key, boolean percentiles) {
    this.key = key;
    this.percentiles = percentiles;
    this.total = new Tally(percentiles);
  }

  synchronized void add(AiCallRecord call, long nowMillis) {
    total.add(call);
    minute.at(nowMillis, percentiles).add(call);
    hour.at(nowMillis, percentiles).add(call);
    day.at(nowMillis, percentiles).add(call);
  }

  synchronized void addScore(double score, long nowMillis) {
    total.addScore(score);
    minute.at(nowMillis, percentiles).addScore(score);
    hour.at(nowMillis, percentiles).addScore(score);
    day.at(nowMillis, percentiles).addScore(score);
  }

  synchronized void addValue(BigDecimal usd, long nowMillis) {
    total.addValue(usd);
    minute.at(nowMillis, percentiles).addValue(usd);
    hour.at(nowMillis, percentiles).addValue(usd);
    day.at(nowMillis, percentiles).addValue(usd);
  }

  synchronized SliceSnapshot snapshot(long nowMillis) {
    return new SliceSnapshot(key,
        minute.sum(nowMillis, percentiles).figures(),
        hour.sum(nowMillis, percentiles).figures(),
        day.sum(nowMillis, percentiles).figures(),
        total.figures());
  }

  /** Total cost, for ordering snapshots. */
  synchronized BigDecimal totalCost() {
    return total.cost;
  }

  String key() {
    return key;
  }
}
