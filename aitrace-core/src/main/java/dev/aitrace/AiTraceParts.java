package dev.aitrace;

import dev.aitrace.alert.Alerts;
import dev.aitrace.budget.BudgetGuard;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.export.BatchSpanProcessor;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.ledger.CostLedger;
import dev.aitrace.trace.AiTracerProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** What {@link AiTraceBuilder#build()} hands to the {@link AiTrace} constructor. */
final class AiTraceParts {
  final String serviceName;
  final BatchSpanProcessor batch;
  final SpanProcessor processor;
  final AiTracerProvider tracerProvider;
  final TextMapPropagator propagator;
  final boolean shutdownHook;
  final CostCalculator costs;
  final CallGuard guard;
  final CostLedger ledger;
  final Alerts alerts;
  final BudgetGuard budgets;

  AiTraceParts(String serviceName, BatchSpanProcessor batch, SpanProcessor processor,
      AiTracerProvider tracerProvider, TextMapPropagator propagator, boolean shutdownHook,
      EconomicsSettings.Wiring economics) {
    this.serviceName = serviceName;
    this.batch = batch;
    this.processor = processor;
    this.tracerProvider = tracerProvider;
    this.propagator = propagator;
    this.shutdownHook = shutdownHook;
    this.costs = economics.costs();
    this.guard = economics.guard();
    this.ledger = economics.ledger();
    this.alerts = economics.alerts();
    this.budgets = economics.budgets();
  }

  /** The application's resource attributes plus {@code service.name} and the {@code telemetry.sdk.*} ones. */
  static Attributes resource(AttributesBuilder application, String serviceName) {
    return application.build().toBuilder()
        .put(AttributeKey.stringKey("service.name"), serviceName)
        .put("telemetry.sdk.name", "aitrace")
        .put("telemetry.sdk.language", "java")
        .put("telemetry.sdk.version", Version.VERSION)
        .build();
  }
}
