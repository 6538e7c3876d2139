package dev.aitrace;

import static java.util.Objects.requireNonNull;

import dev.aitrace.alert.AlertListener;
import dev.aitrace.alert.AnomalyConfig;
import dev.aitrace.budget.Budget;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.cost.ModelPrice;
import dev.aitrace.cost.PriceTable;
import dev.aitrace.export.BatchSpanProcessor;
import dev.aitrace.export.ExporterRegistry;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.guard.CallGuard;
import dev.aitrace.guard.LoopGuardConfig;
import dev.aitrace.internal.Config;
import dev.aitrace.propagation.AiTracePropagator;
import dev.aitrace.trace.AiTracerProvider;
import dev.aitrace.trace.SpanLimits;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Configures an {@link AiTrace}. Every setter checks its argument at once; {@link #build()} checks
 * the whole and fails with an {@link IllegalArgumentException} that names the bad key and value.
 * Not thread-safe.
 */
public final class AiTraceBuilder {
  static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  private String serviceName = DEFAULT_SERVICE_NAME;
  private final AttributesBuilder resource = Attributes.builder();
  private final List<SpanExporter> exporters = new ArrayList<>();
  private final List<SpanProcessor> processors = new ArrayList<>();
  private SpanLimits limits = SpanLimits.defaults();
  private int maxQueueSize = 2048;
  private int maxExportBatchSize = 512;
  private Duration scheduleDelay = Duration.ofSeconds(1);
  private Duration exportTimeout = Duration.ofSeconds(30);
  private boolean logCorrelation = true;
  private boolean shutdownHook = true;
  private TextMapPropagator propagator = AiTracePropagator.create();
  private Function<String, String> config = key -> null;
  private final EconomicsSettings economics = new EconomicsSettings();

  AiTraceBuilder() {}

  /** {@code service.name} of every span. */
  public AiTraceBuilder serviceName(String serviceName) {
    requireNonNull(serviceName, "serviceName");
    if (serviceName.isBlank()) {
      throw new IllegalArgumentException("serviceName must not be blank");
    }
    this.serviceName = serviceName;
    return this;
  }

  /** Adds a resource attribute, such as {@code deployment.environment.name}. */
  public AiTraceBuilder resourceAttribute(String key, String value) {
    resource.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
    return this;
  }

  /** Adds an exporter; ended spans reach it in batches from a background thread. */
  public AiTraceBuilder addExporter(SpanExporter exporter) {
    exporters.add(requireNonNull(exporter, "exporter"));
    return this;
  }

  /** Adds an exporter by its {@link dev.aitrace.export.SpanExporterProvider} name ({@code otlp}, {@code jsonl}, ...). */
  public AiTraceBuilder addExporter(String name) {
    requireNonNull(name, "name");
    exporters.add(ExporterRegistry.create("exporter", name, config, serviceName));
    return this;
  }

  /** Adds a processor, called synchronously as spans start and end. */
  public AiTraceBuilder addSpanProcessor(SpanProcessor processor) {
    processors.add(requireNonNull(processor, "processor"));
    return this;
  }

  public AiTraceBuilder spanLimits(SpanLimits limits) {
    this.limits = requireNonNull(limits, "limits");
    return this;
  }

  /** Spans that may wait for export; more are dropped and counted. Default 2048. */
  public AiTraceBuilder maxQueueSize(int maxQueueSize) {
    this.maxQueueSize = maxQueueSize;
    return this;
  }

  /** Spans per export call. Default 512. */
  public AiTraceBuilder maxExportBatchSize(int maxExportBatchSize) {
    this.maxExportBatchSize = maxExportBatchSize;
    return this;
  }

  /** Longest time an ended span waits before export. Default 1 second. */
  public AiTraceBuilder scheduleDelay(Duration scheduleDelay) {
    this.scheduleDelay = requireNonNull(scheduleDelay, "scheduleDelay");
    return this;
  }

  /** Longest wait for one export call. Default 30 seconds. */
  public AiTraceBuilder exportTimeout(Duration exportTimeout) {
    this.exportTimeout = requireNonNull(exportTimeout, "exportTimeout");
    return this;
  }

  /** Whether current spans put {@code trace_id}/{@code span_id} into the SLF4J MDC. Default true. */
  public AiTraceBuilder logCorrelation(boolean logCorrelation) {
    this.logCorrelation = logCorrelation;
    return this;
  }

  /** Whether a JVM shutdown hook flushes and closes. Default true. */
  public AiTraceBuilder shutdownHook(boolean shutdownHook) {
    this.shutdownHook = shutdownHook;
    return this;
  }

  /**
   * Replaces how AI-call costs are computed. By default costs come from the bundled OpenAI price
   * table plus whatever {@link #prices}, {@link #price} and {@link #pricesFile} add.
   */
  public AiTraceBuilder costCalculator(CostCalculator costs) {
    economics.costs = requireNonNull(costs, "costs");
    return this;
  }

  /** Replaces the bundled price table with {@code table}; later {@link #price} calls add to it. */
  public AiTraceBuilder prices(PriceTable table) {
    economics.prices = requireNonNull(table, "table").toBuilder();
    return this;
  }

  /** Adds or overrides the price of {@code model} (a family like {@code gpt-4o}, or an exact name). */
  public AiTraceBuilder price(String model, ModelPrice price) {
    economics.prices.price(model, price);
    return this;
  }

  /**
   * Adds or overrides prices from a JSON file in the format of the bundled table ({@value
   * PriceTable#BUNDLED_RESOURCE}). Read at once.
   *
   * @throws IllegalArgumentException naming the file, model and field when the file is bad
   */
  public AiTraceBuilder pricesFile(Path path) {
    economics.prices.load(requireNonNull(path, "path"));
    return this;
  }

  /**
   * A check of the application's own before each AI call leaves the process, asked after the
   * budgets and the loop guard.
   */
  public AiTraceBuilder callGuard(CallGuard guard) {
    economics.guard = requireNonNull(guard, "guard");
    return this;
  }

  /** Adds a spending limit; see {@link Budget}. */
  public AiTraceBuilder budget(Budget budget) {
    economics.budgets.add(requireNonNull(budget, "budget"));
    return this;
  }

  /** Turns on the runaway-loop guard with these limits; off by default. */
  public AiTraceBuilder loopGuard(LoopGuardConfig config) {
    economics.loopGuard = requireNonNull(config, "config");
    return this;
  }

  /** Adds where alerts go. Without any, alerts are logged ({@link AlertListener#log()}). */
  public AiTraceBuilder addAlertListener(AlertListener listener) {
    economics.alertListeners.add(requireNonNull(listener, "listener"));
    return this;
  }

  /** How long an alert's condition stays quiet after it alerted. Default 10 minutes. */
  public AiTraceBuilder alertCooldown(Duration cooldown) {
    requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("alertCooldown must not be negative, was " + cooldown);
    }
    economics.alertCooldown = cooldown;
    return this;
  }

  /** Tunes the cost, error-rate and latency anomaly alerts (on by default with {@link AnomalyConfig#defaults()}). */
  public AiTraceBuilder anomalyDetection(AnomalyConfig config) {
    economics.anomaly = requireNonNull(config, "config");
    return this;
  }

  /** Turns the cost, error-rate and latency anomaly alerts off. */
  public AiTraceBuilder noAnomalyDetection() {
    economics.anomaly = null;
    return this;
  }

  /**
   * Also records AI-call metrics ({@code gen_ai.client.token.usage}, {@code
   * gen_ai.client.operation.duration}, {@code aitrace.cost}, ...) through this OpenTelemetry's meter
   * provider, such as the application's SDK or {@code GlobalOpenTelemetry.get()}.
   */
  public AiTraceBuilder metrics(OpenTelemetry openTelemetry) {
    economics.metrics = requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /** Distinct users (tasks, agents, ...) the ledger keeps apart before the rest go to "(other)". Default 5,000. */
  public AiTraceBuilder ledgerMaxKeysPerDimension(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("ledgerMaxKeysPerDimension must be at least 1, was " + max);
    }
    economics.ledgerMaxKeys = max;
    return this;
  }

  /** The clock of the ledger's windows, budget periods, alert cool-downs and anomaly baselines. */
  public AiTraceBuilder clock(Clock clock) {
    economics.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** Replaces the propagator returned by {@link AiTrace#propagator()}. */
  public AiTraceBuilder propagator(TextMapPropagator propagator) {
    this.propagator = requireNonNull(propagator, "propagator");
    return this;
  }

  /**
   * Reads system properties and environment variables over what is set so far: {@code
   * AITRACE_SERVICE_NAME}, {@code AITRACE_EXPORTERS}, {@code OTEL_EXPORTER_OTLP_*}, {@code OTEL_BSP_*}
   * and {@code AITRACE_PRICES_FILE}, as the README's configuration list says.
   */
  public AiTraceBuilder fromEnvironment() {
    return fromConfig(Config.systemAndEnvironment());
  }

  /** Like {@link #fromEnvironment()}, but reads keys from {@code config} (null for unset). */
  public AiTraceBuilder fromConfig(Function<String, String> config) {
    this.config = requireNonNull(config, "config");
    EnvironmentSettings.apply(config, this);
    return this;
  }

  String serviceNameSoFar() {
    return serviceName;
  }

  /** The configuration source last given to {@link #fromConfig}, for modules that read their own keys. */
  public Function<String, String> config() {
    return config;
  }

  /**
   * Builds and starts the pipeline.
   *
   * @throws IllegalArgumentException naming the setting and the value when one is invalid
   */
  public AiTrace build() {
    BatchSpanProcessor batch;
    try {
      batch =
          BatchSpanProcessor.builder(SpanExporter.composite(exporters))
              .maxQueueSize(maxQueueSize)
              .maxExportBatchSize(maxExportBatchSize)
              .scheduleDelay(scheduleDelay)
              .exportTimeout(exportTimeout)
              .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid aitrace configuration: " + e.getMessage(), e);
    }
    List<SpanProcessor> all = new ArrayList<>(processors);
    EconomicsSettings.Wiring wiring = economics.wire(all);
    all.add(batch);
    SpanProcessor processor = SpanProcessor.composite(all);
    Attributes resourceAttributes = AiTraceParts.resource(resource, serviceName);
    return new AiTrace(new AiTraceParts(serviceName, batch, processor,
        AiTracerProvider.create(processor, limits, resourceAttributes, logCorrelation), propagator, shutdownHook,
        wiring));
  }
}
