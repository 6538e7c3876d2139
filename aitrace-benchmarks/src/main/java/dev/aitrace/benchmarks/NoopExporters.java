package dev.aitrace.benchmarks;

import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;

/** Exporters that accept every batch and do nothing with it, so a benchmark measures the tracer alone. */
final class NoopExporters {
  private NoopExporters() {}

  /** For aitrace. */
  static final class Aitrace implements SpanExporter {
    @Override
    public ExportResult export(Collection<SpanRecord> batch) {
      return ExportResult.SUCCESS;
    }

    @Override
    public String toString() {
      return "NoopExporters.Aitrace";
    }
  }

  /** For the OpenTelemetry SDK. */
  static final class Otel implements io.opentelemetry.sdk.trace.export.SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
