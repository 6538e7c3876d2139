package dev.aitrace;

import dev.aitrace.export.ExporterRegistry;
import dev.aitrace.internal.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The keys {@link AiTraceBuilder#fromEnvironment()} reads: {@code AITRACE_SERVICE_NAME} (else {@code
 * OTEL_SERVICE_NAME}); {@code AITRACE_EXPORTERS}, a comma list of exporter names (unset means {@code
 * otlp} when an OTLP endpoint is set, else none), each exporter reading its own keys ({@code
 * OTEL_EXPORTER_OTLP_*}, {@code AITRACE_JSONL_PATH}); the batch keys {@code OTEL_BSP_MAX_QUEUE_SIZE},
 * {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}, {@code OTEL_BSP_SCHEDULE_DELAY} and {@code
 * OTEL_BSP_EXPORT_TIMEOUT} (milliseconds); and {@code AITRACE_PRICES_FILE}, a JSON price file over
 * the bundled prices. They are applied through the builder's own
 * setters so that a value from the environment is checked exactly like one set in code. Every
 * failure names the key and the value.
 */
final class EnvironmentSettings {
  private EnvironmentSettings() {}

  static void apply(Function<String, String> config, AiTraceBuilder builder) {
    String name = config.apply("AITRACE_SERVICE_NAME");
    if (name == null) {
      name = config.apply("OTEL_SERVICE_NAME");
    }
    if (name != null) {
      builder.serviceName(name);
    }
    String value;
    if ((value = config.apply("OTEL_BSP_MAX_QUEUE_SIZE")) != null) {
      builder.maxQueueSize(Config.positiveInt("OTEL_BSP_MAX_QUEUE_SIZE", value));
    }
    if ((value = config.apply("OTEL_BSP_MAX_EXPORT_BATCH_SIZE")) != null) {
      builder.maxExportBatchSize(Config.positiveInt("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", value));
    }
    if ((value = config.apply("OTEL_BSP_SCHEDULE_DELAY")) != null) {
      builder.scheduleDelay(Duration.ofMillis(Config.positiveInt("OTEL_BSP_SCHEDULE_DELAY", value)));
    }
    if ((value = config.apply("OTEL_BSP_EXPORT_TIMEOUT")) != null) {
      builder.exportTimeout(Duration.ofMillis(Config.positiveInt("OTEL_BSP_EXPORT_TIMEOUT", value)));
    }
    if ((value = config.apply("AITRACE_PRICES_FILE")) != null) {
      try {
        builder.pricesFile(Path.of(value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("AITRACE_PRICES_FILE='" + value + "': " + e.getMessage(), e);
      }
    }
    String names = config.apply("AITRACE_EXPORTERS");
    if (names == null
        && (config.apply("OTEL_EXPORTER_OTLP_ENDPOINT") != null
            || config.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null)) {
      names = "otlp";
    }
    if (names != null) {
      String service = builder.serviceNameSoFar();
      ExporterRegistry.createAll("AITRACE_EXPORTERS", names, config, service).forEach(builder::addExporter);
    }
  }
}
