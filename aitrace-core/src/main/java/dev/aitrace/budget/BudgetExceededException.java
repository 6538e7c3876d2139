package dev.aitrace.budget;

import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.Attribution;
import java.math.BigDecimal;

/**
 * Thrown before an AI call leaves the process when a {@link Budget} configured to block is spent.
 * Nothing was sent and nothing was charged. The call is still recorded as a span, with {@code
 * aitrace.blocked.reason} saying why. Catch it to degrade gracefully (a cheaper model, a cached
 * answer, a polite refusal):
 *
 * <pre>{@code
 * try {
 *   return client.chat().completions().create(params);
 * } catch (BudgetExceededException e) {
 *   return "Daily AI budget of $" + e.budget().limitUsd() + " reached for " + e.key();
 * }
 * }</pre>
 */
public final class BudgetExceededException extends AiTraceBlockedException {
  private static final long serialVersionUID = 1L;

  private final transient Budget budget;
  private final String key;
  private final BigDecimal spentUsd;
  private final transient Attribution attribution;

  /**
   * @param budget the budget that is spent
   * @param key the user, task, category or trace it is spent for
   * @param spentUsd what was spent in the budget's current window
   * @param attribution who and what the refused call was for
   */
  public BudgetExceededException(Budget budget, String key, BigDecimal spentUsd, Attribution attribution) {
    super("aitrace budget '" + budget.name() + "' exceeded for " + budget.scope().name().toLowerCase(java.util.Locale.ROOT)
        + " '" + key + "': spent $" + spentUsd.toPlainString() + " of $" + budget.limitUsd().toPlainString()
        + " per " + budget.window().name().toLowerCase(java.util.Locale.ROOT));
    this.budget = budget;
    this.key = key;
    this.spentUsd = spentUsd;
    this.attribution = attribution;
  }

  public Budget budget() {
    return budget;
  }

  /** The user id, task id, category or trace id whose budget is spent. */
  public String key() {
    return key;
  }

  /** Spent in the current window, in US dollars; at least the limit. */
  public BigDecimal spentUsd() {
    return spentUsd;
  }

  /** The attribution of the refused call. */
  public Attribution attribution() {
    return attribution;
  }
}
