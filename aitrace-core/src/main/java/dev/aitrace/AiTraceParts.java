package dev.aitrace;

import dev.aitrace.alert.Alerts;
import dev.aitrace.budget.BudgetGuard;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.export.BatchSpanProcessor;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.ledger.CostLedger;
import dev.aitrace.trace.AiTracerProvider;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** What {@link AiTraceBuilder#build()} hands to the {@link AiTrace} constructor. */
final class AiTraceParts {
  String serviceName;
  AiTracerProvider tracerProvider;
  BatchSpanProcessor batch;
  SpanProcessor processor;
  TextMapPropagator propagator;
  boolean shutdownHook;
  CostCalculator costs;
  CallGuard guard;
  CostLedger ledger;
  Alerts alerts;
  BudgetGuard budgets;
}
