package dev.aitrace.examples.demo;

import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the spans of the latest {@code maxTraces} traces, for a server that runs for hours: older
 * traces are dropped whole. Thread-safe.
 */
final class RecentTraces implements SpanExporter {
  private final Map<String, List<SpanRecord>> byTrace;

  RecentTraces(int maxTraces) {
    if (maxTraces < 1) {
      throw new IllegalArgumentException("maxTraces must be positive: " + maxTraces);
    }
    byTrace = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<SpanRecord>> eldest) {
        return size() > maxTraces;
      }
    };
  }

  @Override
  public synchronized ExportResult export(Collection<SpanRecord> batch) {
    for (SpanRecord span : batch) {
      byTrace.computeIfAbsent(span.traceId(), k -> new ArrayList<>()).add(span);
    }
    return ExportResult.SUCCESS;
  }

  /** The spans of {@code traceId} exported so far; empty when unknown or already dropped. */
  synchronized List<SpanRecord> spansOf(String traceId) {
    return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
  }

  /** Every span kept. */
  synchronized List<SpanRecord> all() {
    List<SpanRecord> all = new ArrayList<>();
    byTrace.values().forEach(all::addAll);
    return all;
  }
}
