package dev.aitrace.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much of a budget one key has spent in the current window.
 *
 * @param budget the budget
 * @param key the user id, task id, category or trace id it is spent for
 * @param spentUsd spent in the current window, in US dollars
 */
public record BudgetStatus(Budget budget, String key, BigDecimal spentUsd) {
  /** Spent over the limit, to four decimals: 0.8 is 80%; above 1 when in-flight calls overshot it. */
  public BigDecimal fraction() {
    return spentUsd.divide(budget.limitUsd(), 4, RoundingMode.HALF_EVEN);
  }

  /** Whether a blocking budget refuses this key's next call. */
  public boolean exhausted() {
    return spentUsd.compareTo(budget.limitUsd()) >= 0;
  }
}
