package dev.aitrace.ledger;

import java.math.BigDecimal;

/**
 * The figures of one key of one dimension (or of all calls): a total and three rolling windows.
 * Thread-safe: every method holds the slice's lock, which only calls of the same key contend for.
 *
 * <p>A call is added to one tally only, that of the current ten-second bucket; the bucket is folded
 * into the minute, hour and day windows and the total when its ten seconds are over, or before
 * anything reads them or adds a score or value to them. Hour and day buckets are whole multiples of
 * ten seconds, so folding puts each call where adding it to all four at once would have, and the
 * figures are exactly the same; a call so touches one tally rather than four.
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
  /** Calls of the ten seconds {@code liveBucket} not yet folded into the windows and the total. */
  private final Tally live;
  private long liveBucket;

  Slice(String key, boolean percentiles) {
    this.key = key;
    this.percentiles = percentiles;
    this.total = new Tally(percentiles);
    this.live = new Tally(percentiles);
  }

  synchronized void add(AiCallRecord call, long nowMillis) {
    long bucket = Math.floorDiv(nowMillis, MINUTE_BUCKET);
    if (bucket != liveBucket) {
      fold();
      liveBucket = bucket;
    }
    live.add(call);
  }

  /** Moves the live bucket's calls into the windows and the total. Guarded by this. */
  private void fold() {
    if (live.calls == 0) {
      return;
    }
    long at = liveBucket * MINUTE_BUCKET;
    total.addCalls(live);
    minute.at(at, percentiles).addCalls(live);
    hour.at(at, percentiles).addCalls(live);
    day.at(at, percentiles).addCalls(live);
    live.reset();
  }

  synchronized void addScore(double score, long nowMillis) {
    fold();
    total.addScore(score);
    minute.at(nowMillis, percentiles).addScore(score);
    hour.at(nowMillis, percentiles).addScore(score);
    day.at(nowMillis, percentiles).addScore(score);
  }

  synchronized void addValue(BigDecimal usd, long nowMillis) {
    fold();
    total.addValue(usd);
    minute.at(nowMillis, percentiles).addValue(usd);
    hour.at(nowMillis, percentiles).addValue(usd);
    day.at(nowMillis, percentiles).addValue(usd);
  }

  synchronized SliceSnapshot snapshot(long nowMillis) {
    fold();
    return new SliceSnapshot(key,
        minute.sum(nowMillis, percentiles).figures(),
        hour.sum(nowMillis, percentiles).figures(),
        day.sum(nowMillis, percentiles).figures(),
        total.figures());
  }

  /** Total cost, for ordering snapshots. */
  synchronized BigDecimal totalCost() {
    fold();
    return total.cost;
  }

  String key() {
    return key;
  }
}
