package dev.aitrace.export.otel;

import static java.util.Objects.requireNonNull;

import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Plugs any OpenTelemetry SDK {@link io.opentelemetry.sdk.trace.export.SpanExporter} into aitrace's
 * pipeline, so that the OpenTelemetry exporter ecosystem (OTLP/gRPC, Zipkin, vendor exporters)
 * receives aitrace's spans. Each span is handed over as {@link SpanData} with its resource,
 * instrumentation scope, events, links, status and dropped counts. Needs {@code
 * io.opentelemetry:opentelemetry-sdk-trace} on the class path (an optional dependency of aitrace).
 *
 * <p>Thread-safe if the wrapped exporter is.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder()
 *     .addExporter(OtelSpanExporterAdapter.wrap(
 *         OtlpGrpcSpanExporter.builder().setEndpoint("http://collector:4317").build()))
 *     .build();
 * }</pre>
 */
public final class OtelSpanExporterAdapter implements SpanExporter {
  private final io.opentelemetry.sdk.trace.export.SpanExporter delegate;
  private final long timeoutNanos;
  private final ConcurrentMap<String, InstrumentationScopeInfo> scopes = new ConcurrentHashMap<>();
  private volatile ResourceEntry lastResource = new ResourceEntry(Attributes.empty(), Resource.empty());

  private OtelSpanExporterAdapter(io.opentelemetry.sdk.trace.export.SpanExporter delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeoutNanos = timeout.toNanos();
  }

  /** Wraps {@code exporter}, waiting up to 30 seconds for each export, flush and shutdown. */
  public static OtelSpanExporterAdapter wrap(io.opentelemetry.sdk.trace.export.SpanExporter exporter) {
    return wrap(exporter, Duration.ofSeconds(30));
  }

  /** Wraps {@code exporter}, waiting up to {@code timeout} for each export, flush and shutdown. */
  public static OtelSpanExporterAdapter wrap(
      io.opentelemetry.sdk.trace.export.SpanExporter exporter, Duration timeout) {
    requireNonNull(exporter, "exporter");
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new OtelSpanExporterAdapter(exporter, timeout);
  }

  @Override
  public ExportResult export(Collection<SpanRecord> batch) {
    List<SpanData> data = new ArrayList<>(batch.size());
    for (SpanRecord span : batch) {
      data.add(toSpanData(span));
    }
    return await(delegate.export(data), "export");
  }

  /** Converts one ended record; exposed to the package for tests. */
  SpanData toSpanData(SpanRecord span) {
    return new SpanDataView(span, resource(span.resource()), scope(span.scopeName(), span.scopeVersion()));
  }

  @Override
  public ExportResult flush() {
    return await(delegate.flush(), "flush");
  }

  @Override
  public void shutdown() {
    await(delegate.shutdown(), "shutdown");
  }

  private ExportResult await(CompletableResultCode result, String what) {
    result.join(timeoutNanos, TimeUnit.NANOSECONDS);
    if (!result.isDone()) {
      SelfLog.warnOnce("otel.adapter.timeout." + what,
          "aitrace: {} of {} did not finish in time", what, delegate);
      return ExportResult.FAILURE;
    }
    if (result.getFailureThrowable() != null) {
      SelfLog.fault("OpenTelemetry SpanExporter." + what + " " + delegate.getClass().getName(),
          result.getFailureThrowable());
    }
    return result.isSuccess() ? ExportResult.SUCCESS : ExportResult.FAILURE;
  }

  private Resource resource(Attributes attributes) {
    ResourceEntry last = lastResource;
    if (last.attributes == attributes) {
      return last.resource; // one resource per AiTrace: nearly always a hit
    }
    Resource resource = Resource.create(attributes);
    lastResource = new ResourceEntry(attributes, resource);
    return resource;
  }

  private record ResourceEntry(Attributes attributes, Resource resource) {}

  private InstrumentationScopeInfo scope(String name, String version) {
    return scopes.computeIfAbsent(name + '\u0000' + version, k -> {
      var builder = InstrumentationScopeInfo.builder(name);
      return version.isEmpty() ? builder.build() : builder.setVersion(version).build();
    });
  }

  @Override
  public String toString() {
    return "OtelSpanExporterAdapter{" + delegate + "}";
  }
}
