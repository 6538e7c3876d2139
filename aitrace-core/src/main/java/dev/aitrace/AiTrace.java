package dev.aitrace;

import dev.aitrace.alert.Alerts;
import dev.aitrace.budget.BudgetGuard;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.export.BatchSpanProcessor;
import dev.aitrace.export.PipelineStats;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.internal.SelfLog;
import dev.aitrace.ledger.CostLedger;
import dev.aitrace.score.Scores;
import dev.aitrace.trace.AiTracerProvider;
import dev.aitrace.trace.LimitStats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point: one instance per application, built once and closed at shutdown. It records
 * spans through an OpenTelemetry API facade ({@link #openTelemetry()}), hands ended spans to the
 * processors and, in batches, to the exporters, and offers the agent API ({@link #agents()}).
 * Thread-safe.
 *
 * <pre>{@code
 * try (AiTrace aiTrace = AiTrace.builder()
 *     .serviceName("agent-team")
 *     .addExporter(JsonLinesSpanExporter.create(Path.of("spans.jsonl")))
 *     .build()) {
 *   aiTrace.agents().invokeAgent("manager", () -> manager.handle(request));
 * }
 * }</pre>
 *
 * <p>Or from the environment ({@code AITRACE_SERVICE_NAME}, {@code AITRACE_EXPORTERS}, {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, ...): {@code AiTrace aiTrace = AiTrace.fromEnvironment();}
 */
public final class AiTrace implements AutoCloseable {
  /** The instrumentation scope of aitrace's own spans. */
  public static final String SCOPE = "dev.aitrace";

  private final String serviceName;
  private final AiTracerProvider tracerProvider;
  private final BatchSpanProcessor batch;
  private final SpanProcessor processor;
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final AgentTracer agents;
  private final Thread shutdownHook;
  private final CostCalculator costs;
  private final CallGuard guard;
  private final CostLedger ledger;
  private final Alerts alerts;
  private final BudgetGuard budgets;
  private final Scores scores;
  private final AtomicBoolean closed = new AtomicBoolean();

  AiTrace(AiTraceParts parts) {
    this.serviceName = parts.serviceName;
    this.tracerProvider = parts.tracerProvider;
    this.batch = parts.batch;
    this.processor = parts.processor;
    this.openTelemetry =
        new AiOpenTelemetry(tracerProvider, ContextPropagators.create(parts.propagator));
    this.tracer = tracerProvider.get(SCOPE);
    this.agents = new AgentTracer(tracer);
    this.costs = parts.costs;
    this.guard = parts.guard;
    this.ledger = parts.ledger;
    this.alerts = parts.alerts;
    this.budgets = parts.budgets;
    this.scores = Scores.create(tracer, ledger);
    this.shutdownHook = parts.shutdownHook ? new Thread(this::close, "aitrace-shutdown") : null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; close() will be called by the application or not at all
      }
    }
  }

  /** A builder with nothing set: service name {@code unknown_service:java}, no exporters. */
  public static AiTraceBuilder builder() {
    return new AiTraceBuilder();
  }

  /** Builds from system properties and environment variables; see {@link AiTraceBuilder#fromEnvironment()}. */
  public static AiTrace fromEnvironment() {
    return builder().fromEnvironment().build();
  }

  /** An OpenTelemetry API facade backed by aitrace: hand it to OpenTelemetry-instrumented libraries. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** aitrace's own tracer (scope {@value #SCOPE}). */
  public Tracer tracer() {
    return tracer;
  }

  /** A tracer for an instrumentation scope of the application's choosing. */
  public Tracer tracer(String scopeName) {
    return tracerProvider.get(scopeName);
  }

  /** Agent and tool spans. */
  public AgentTracer agents() {
    return agents;
  }

  /** W3C trace context and baggage, plus {@code X-Trace-ID}. */
  public TextMapPropagator propagator() {
    return openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Computes the cost of AI calls from the configured prices. */
  public CostCalculator costs() {
    return costs;
  }

  /** Checked by the AI-call instrumentation before each call leaves the process. */
  public CallGuard guard() {
    return guard;
  }

  /** Cost, tokens, latency, errors, scores and value per user, task, agent, model, category and tenant. */
  public CostLedger ledger() {
    return ledger;
  }

  /** Records quality scores and business value against traces and tasks. */
  public Scores scores() {
    return scores;
  }

  /** The configured budgets and what each key has spent of them. */
  public BudgetGuard budgets() {
    return budgets;
  }

  /** Where budget, loop and anomaly alerts go; the recent ones, and counts of what was sent and held back. */
  public Alerts alerts() {
    return alerts;
  }

  public String serviceName() {
    return serviceName;
  }

  /** The trace id of the current span, when there is one. */
  public static Optional<String> currentTraceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
  }

  /** Exact counts of exported, dropped and failed spans. */
  public PipelineStats exportStats() {
    return batch.stats();
  }

  /** How often the span limits cut something. */
  public LimitStats limitStats() {
    return tracerProvider.limitStats();
  }

  /** Exports everything ended so far; waits up to 10 seconds. */
  public void flush() {
    try {
      processor.flush(10_000);
    } catch (Throwable t) {
      SelfLog.fault("AiTrace.flush", t);
    }
  }

  /**
   * Stops recording, exports what is buffered (waiting up to 10 seconds) and shuts the exporters
   * down. Idempotent; also run at JVM shutdown unless the builder turned that off.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      tracerProvider.shutdown();
      processor.shutdown(10_000);
    } catch (Throwable t) {
      SelfLog.fault("AiTrace.close", t);
    }
    alerts.close();
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }

  @Override
  public String toString() {
    return "AiTrace{serviceName=" + serviceName + ", export=" + batch + "}";
  }
}
