package dev.aitrace.trace;

import static java.util.Objects.requireNonNull;

import dev.aitrace.export.SpanProcessor;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * aitrace's implementation of the OpenTelemetry {@link TracerProvider}. Usually obtained through
 * {@code AiTrace#openTelemetry()} rather than built directly. After {@link #shutdown} it hands out
 * no-op spans. Thread-safe.
 */
public final class AiTracerProvider implements TracerProvider {
  private final TracerState state;
  private final ConcurrentMap<String, Tracer> tracers = new ConcurrentHashMap<>();

  private AiTracerProvider(TracerState state) {
    this.state = state;
  }

  /**
   * A provider whose spans go to {@code processor}.
   *
   * @param resource resource attributes, {@code service.name} among them
   * @param logCorrelation whether {@code span.makeCurrent()} puts {@code trace_id}/{@code span_id}
   *     into the SLF4J MDC
   */
  public static AiTracerProvider create(
      SpanProcessor processor, SpanLimits limits, Attributes resource, boolean logCorrelation) {
    return new AiTracerProvider(
        new TracerState(
            requireNonNull(processor, "processor"),
            requireNonNull(limits, "limits"),
            requireNonNull(resource, "resource"),
            logCorrelation));
  }

  @Override
  public Tracer get(String instrumentationScopeName) {
    return get(instrumentationScopeName, "");
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    String name = instrumentationScopeName == null || instrumentationScopeName.isBlank()
        ? "unknown" : instrumentationScopeName;
    String version = instrumentationScopeVersion == null ? "" : instrumentationScopeVersion;
    return tracers.computeIfAbsent(name + '\u0000' + version, k -> new AiTracer(state, name, version));
  }

  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return new TracerBuilder() {
      private String version = "";

      @Override
      public TracerBuilder setSchemaUrl(String schemaUrl) {
        return this;
      }

      @Override
      public TracerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
        this.version = instrumentationScopeVersion;
        return this;
      }

      @Override
      public Tracer build() {
        return get(instrumentationScopeName, version);
      }
    };
  }

  /** Resource attributes put on every span. */
  public Attributes resource() {
    return state.resource;
  }

  public SpanLimits limits() {
    return state.limits;
  }

  /** How often the span limits cut something. */
  public LimitStats limitStats() {
    return new LimitStats(
        state.droppedAttributes.sum(),
        state.truncatedValues.sum(),
        state.droppedEvents.sum(),
        state.droppedLinks.sum());
  }

  /** Stops recording: from now on tracers hand out no-op spans. Flushing is the caller's job. */
  public void shutdown() {
    state.shutdown = true;
  }
}
