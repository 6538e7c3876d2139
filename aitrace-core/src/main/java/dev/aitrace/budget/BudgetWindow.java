package dev.aitrace.budget;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The period a {@link Budget}'s limit applies to. Hours, days and months are calendar periods in the
 * budget's time zone (UTC unless set): a daily budget starts afresh at midnight.
 */
public enum BudgetWindow {
  /** One request: the spending of a single trace. */
  REQUEST,
  HOUR,
  DAY,
  MONTH;

  /**
   * The period that {@code now} falls in, as a stable key: the trace id for {@link #REQUEST}, else
   * the period's start in epoch seconds.
   */
  String periodKey(Instant now, ZoneId zone, String traceId) {
    if (this == REQUEST) {
      return traceId == null ? "" : traceId;
    }
    return Long.toString(periodStart(now, zone).toEpochSecond());
  }

  /** When the period containing {@code now} ends; a request is kept for a day after its last call. */
  Instant periodEnd(Instant now, ZoneId zone) {
    ZonedDateTime start = periodStart(now, zone);
    return switch (this) {
      case REQUEST -> now.plus(java.time.Duration.ofDays(1));
      case HOUR -> start.plusHours(1).toInstant();
      case DAY -> start.plusDays(1).toInstant();
      case MONTH -> start.plusMonths(1).toInstant();
    };
  }

  /** When the period containing {@code now} started; for {@link #REQUEST}, {@code now} itself. */
  ZonedDateTime periodStart(Instant now, ZoneId zone) {
    ZonedDateTime t = now.atZone(zone);
    return switch (this) {
      case REQUEST -> t;
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
    };
  }
}
