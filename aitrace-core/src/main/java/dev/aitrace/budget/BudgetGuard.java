package dev.aitrace.budget;

import static java.util.Objects.requireNonNull;

import dev.aitrace.Attribution;
import dev.aitrace.alert.AlertType;
import dev.aitrace.alert.Alerts;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.guard.AiCall;
import dev.aitrace.guard.GuardAction;
import dev.aitrace.ledger.AiCallObserver;
import dev.aitrace.ledger.AiCallRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enforces {@link Budget}s: charges the exact cost of every finished AI call to each budget it falls
 * under, alerts as thresholds are crossed, and, for budgets that block, refuses calls before they leave
 * once the current window's spending has reached the limit. Built by {@code AiTraceBuilder.budget(...)}.
 *
 * <p><b>Concurrency and overshoot.</b> A call's cost is known only when it ends, so the check before a
 * call compares what was spent by calls already <em>finished</em> with the limit. Calls that passed the
 * check while others were still running may all finish: the overshoot is bounded by the cost of the
 * calls in flight when the limit was reached (with 8 threads, at most 7 calls beyond the one that
 * reached the limit). Every call that starts after that point is refused. Calls whose model has no
 * price are not charged (their cost is unknown, and counted as such by the ledger).
 *
 * <p>Memory: one small entry per budget, key and window period; entries of periods that ended (of
 * requests quiet for a day) are dropped once more than 100,000 are held. Thread-safe.
 */
public final class BudgetGuard implements CallGuard, AiCallObserver {
  private static final int PRUNE_ABOVE = 100_000;

  private final List<Budget> budgets;
  private final Alerts alerts;
  private final ConcurrentHashMap<String, Spend> spends = new ConcurrentHashMap<>();
  private final AtomicLong blocked = new AtomicLong();

  private BudgetGuard(List<Budget> budgets, Alerts alerts) {
    this.budgets = budgets;
    this.alerts = alerts;
  }

  /** A guard for {@code budgets} that raises its alerts through {@code alerts} (and its clock). */
  public static BudgetGuard create(List<Budget> budgets, Alerts alerts) {
    return new BudgetGuard(List.copyOf(requireNonNull(budgets, "budgets")), requireNonNull(alerts, "alerts"));
  }

  public List<Budget> budgets() {
    return budgets;
  }

  @Override
  public void beforeAiCall(Context context, AiCall call) {
    Attribution attribution = Attribution.fromContext(context);
    String traceId = traceId(Span.fromContext(context).getSpanContext());
    Instant now = alerts.clock().instant();
    for (int i = 0; i < budgets.size(); i++) {
      Budget budget = budgets.get(i);
      if (budget.action() != GuardAction.BLOCK) {
        continue;
      }
      Optional<String> key = budget.scope().keyOf(context, attribution);
      if (key.isEmpty() || !budget.applies(key.get())) {
        continue;
      }
      String period = budget.window().periodKey(now, budget.zone(), traceId);
      Spend spend = period.isEmpty() ? null : spends.get(id(i, key.get(), period));
      if (spend == null) {
        continue;
      }
      BigDecimal spent = spend.spent();
      if (spent.compareTo(budget.limitUsd()) >= 0) {
        blocked.incrementAndGet();
        alerts.fire(AlertType.BUDGET_BLOCKED, "budget-blocked:" + budget.name() + ":" + key.get() + ":" + period,
            "AI calls refused: budget '" + budget.name() + "' is spent for " + key.get(),
            details(budget, key.get(), spent, call.model()));
        throw new BudgetExceededException(budget, key.get(), spent, attribution);
      }
    }
  }

  @Override
  public void onAiCall(AiCallRecord call) {
    BigDecimal cost = call.cost().usd().orElse(BigDecimal.ZERO);
    if (cost.signum() == 0) {
      return;
    }
    long nowMillis = alerts.clock().millis();
    Instant now = Instant.ofEpochMilli(nowMillis);
    for (int i = 0; i < budgets.size(); i++) {
      Budget budget = budgets.get(i);
      Optional<String> key = budget.scope().keyOf(call.traceId(), call.attribution());
      if (key.isEmpty() || !budget.applies(key.get())) {
        continue;
      }
      String period = budget.window().periodKey(now, budget.zone(), call.traceId());
      if (period.isEmpty()) {
        continue;
      }
      long expires = budget.window().periodEnd(now, budget.zone()).toEpochMilli();
      int index = i;
      Spend spend = spends.computeIfAbsent(id(i, key.get(), period), k -> new Spend(index, key.get(), period, expires));
      int[] crossed = spend.add(cost, budget.limitUsd(), budget.thresholds(), expires);
      for (int t : crossed) {
        BigDecimal threshold = budget.thresholds().get(t);
        String percent = threshold.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        alerts.fire(AlertType.BUDGET_THRESHOLD, "budget:" + budget.name() + ":" + key.get() + ":" + period + ":" + percent,
            "Budget '" + budget.name() + "' reached " + percent + " for " + key.get() + ": $"
                + spend.spent().toPlainString() + " of $" + budget.limitUsd().toPlainString(),
            details(budget, key.get(), spend.spent(), call.model()));
      }
    }
    if (spends.size() > PRUNE_ABOVE) {
      prune(nowMillis);
    }
  }

  /**
   * What {@code key} has spent in {@code budget}'s current hour, day or month, in US dollars. For a
   * {@link BudgetWindow#REQUEST} budget of scope {@link BudgetScope#TRACE}, {@code key} is the trace id.
   */
  public BigDecimal spent(Budget budget, String key) {
    int i = budgets.indexOf(budget);
    if (i < 0) {
      throw new IllegalArgumentException("not a budget of this guard: " + budget);
    }
    String period = budget.window().periodKey(alerts.clock().instant(), budget.zone(), key);
    Spend spend = spends.get(id(i, key, period));
    return spend == null ? BigDecimal.ZERO : spend.spent();
  }

  /**
   * The spending of every key in every budget's current window, fullest first: what a dashboard
   * shows. Past windows are left out.
   */
  public List<BudgetStatus> snapshot() {
    Instant now = alerts.clock().instant();
    List<BudgetStatus> result = new java.util.ArrayList<>();
    for (Spend spend : spends.values()) {
      Budget budget = budgets.get(spend.budget);
      if (spend.expiresMillis() > now.toEpochMilli()
          && (budget.window() == BudgetWindow.REQUEST || spend.period.equals(budget.window().periodKey(now, budget.zone(), "")))) {
        result.add(new BudgetStatus(budget, spend.key, spend.spent()));
      }
    }
    result.sort(java.util.Comparator.comparing(BudgetStatus::fraction).reversed());
    return List.copyOf(result);
  }

  /** Calls refused so far. */
  public long blockedCount() {
    return blocked.get();
  }

  private void prune(long nowMillis) {
    spends.values().removeIf(s -> s.expiresMillis() <= nowMillis);
  }

  private static Map<String, String> details(Budget budget, String key, BigDecimal spent, String model) {
    return Map.of("budget", budget.name(), "scope", budget.scope().name(), "key", key,
        "spent_usd", spent.toPlainString(), "limit_usd", budget.limitUsd().toPlainString(),
        "window", budget.window().name(), "model", model);
  }

  private static String id(int budget, String key, String period) {
    return budget + "\u0000" + key + "\u0000" + period;
  }

  private static String traceId(SpanContext context) {
    return context.isValid() ? context.getTraceId() : "";
  }
}
