package dev.aitrace;

import dev.aitrace.alert.AlertListener;
import dev.aitrace.alert.Alerts;
import dev.aitrace.alert.AnomalyConfig;
import dev.aitrace.alert.AnomalyDetector;
import dev.aitrace.budget.Budget;
import dev.aitrace.budget.BudgetGuard;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.cost.PriceTable;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.guard.LoopGuard;
import dev.aitrace.guard.LoopGuardConfig;
import dev.aitrace.ledger.CostLedger;
import dev.aitrace.metrics.AiMetrics;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The economics part of an {@link AiTraceBuilder}: prices, budgets, loop guard, alerts, anomaly
 * detection, metrics and the ledger's cap, and how they are wired together at {@code build()}. Kept
 * apart so the builder reads as a list of settings. Not thread-safe.
 */
final class EconomicsSettings {
  CostCalculator costs; // null: the price table below
  PriceTable.Builder prices = PriceTable.bundled().toBuilder();
  CallGuard guard = CallGuard.noop();
  Clock clock = Clock.systemUTC();
  final List<Budget> budgets = new ArrayList<>();
  LoopGuardConfig loopGuard;
  final List<AlertListener> alertListeners = new ArrayList<>();
  Duration alertCooldown = Duration.ofMinutes(10);
  AnomalyConfig anomaly = AnomalyConfig.defaults();
  OpenTelemetry metrics;
  int ledgerMaxKeys = 5_000;

  /** What the economics add to an {@link AiTrace}. */
  record Wiring(CostCalculator costs, CallGuard guard, CostLedger ledger, Alerts alerts, BudgetGuard budgets) {}

  /**
   * Builds the economics and appends their span processors to {@code processors}: the loop guard
   * (checks agent depth as spans start) and the ledger (which tells budgets, anomaly detection and
   * metrics about each priced call).
   */
  Wiring wire(List<SpanProcessor> processors) {
    CostCalculator prices = costs != null ? costs : this.prices.build();
    AlertListener listener = alertListeners.isEmpty() ? AlertListener.log() : AlertListener.composite(alertListeners);
    Alerts alerts = Alerts.create(listener, alertCooldown, clock);
    CostLedger.Builder ledger = CostLedger.builder().prices(prices).clock(clock).maxKeysPerDimension(ledgerMaxKeys);
    List<CallGuard> guards = new ArrayList<>();
    if (loopGuard != null) {
      LoopGuard loops = LoopGuard.create(loopGuard, alerts);
      guards.add(loops);
      processors.add(loops);
    }
    BudgetGuard budgetGuard = BudgetGuard.create(budgets, alerts);
    if (!budgets.isEmpty()) {
      guards.add(budgetGuard);
      ledger.addObserver(budgetGuard);
    }
    guards.add(guard);
    if (anomaly != null) {
      ledger.addObserver(AnomalyDetector.create(anomaly, alerts));
    }
    if (metrics != null) {
      ledger.addObserver(AiMetrics.create(metrics));
    }
    CostLedger costLedger = ledger.build();
    processors.add(costLedger);
    return new Wiring(prices, CallGuard.composite(guards), costLedger, alerts, budgetGuard);
  }
}
