package dev.aitrace.export;

import java.util.Collection;
import java.util.List;

/**
 * Sends batches of ended spans to a backend. aitrace calls an exporter from one background worker
 * thread only, never from application threads, so an implementation may block on I/O; it should
 * still bound each call with its own timeout (the worker also gives up waiting after the configured
 * export timeout and counts the batch as failed).
 *
 * <p>Built-in exporters are found by name through {@link SpanExporterProvider}: {@code otlp},
 * {@code jsonl}, {@code log}, {@code memory}, {@code none}.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder()
 *     .serviceName("agents")
 *     .addExporter(JsonLinesSpanExporter.create(Path.of("spans.jsonl")))
 *     .build();
 * }</pre>
 */
public interface SpanExporter {
  /** Exports one batch; returns whether the backend accepted it. */
  ExportResult export(Collection<SpanRecord> batch);

  /** Pushes out anything the exporter itself buffers. */
  default ExportResult flush() {
    return ExportResult.SUCCESS;
  }

  /** Releases resources. Called once; no {@code export} call follows. */
  default void shutdown() {}

  /** An exporter that drops everything and reports success. */
  static SpanExporter noop() {
    return batch -> ExportResult.SUCCESS;
  }

  /** An exporter that hands each batch to all of {@code exporters}; it succeeds if all of them do. */
  static SpanExporter composite(List<? extends SpanExporter> exporters) {
    if (exporters.isEmpty()) {
      return noop();
    }
    return exporters.size() == 1 ? exporters.get(0) : new CompositeSpanExporter(exporters);
  }
}
