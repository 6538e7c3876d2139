package dev.aitrace.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps exported spans in memory, for tests and for the demo's terminal view. Unbounded: use it
 * where the number of spans is known to be small. Thread-safe.
 *
 * <pre>{@code
 * InMemorySpanExporter spans = InMemorySpanExporter.create();
 * AiTrace aiTrace = AiTrace.builder().addExporter(spans).build();
 * ...
 * aiTrace.flush();
 * assertThat(spans.getFinishedSpans()).hasSize(3);
 * }</pre>
 */
public final class InMemorySpanExporter implements SpanExporter {
  private final ConcurrentLinkedQueue<SpanRecord> spans = new ConcurrentLinkedQueue<>();
  private volatile boolean shutdown;

  private InMemorySpanExporter() {}

  public static InMemorySpanExporter create() {
    return new InMemorySpanExporter();
  }

  @Override
  public ExportResult export(Collection<SpanRecord> batch) {
    if (shutdown) {
      return ExportResult.FAILURE;
    }
    spans.addAll(batch);
    return ExportResult.SUCCESS;
  }

  /** The spans exported so far, in export order. */
  public List<SpanRecord> getFinishedSpans() {
    return new ArrayList<>(spans);
  }

  /** The spans of one trace, in export order. */
  public List<SpanRecord> spansOfTrace(String traceId) {
    List<SpanRecord> result = new ArrayList<>();
    for (SpanRecord span : spans) {
      if (span.traceId().equals(traceId)) {
        result.add(span);
      }
    }
    return result;
  }

  public void reset() {
    spans.clear();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public String toString() {
    return "InMemorySpanExporter";
  }
}
