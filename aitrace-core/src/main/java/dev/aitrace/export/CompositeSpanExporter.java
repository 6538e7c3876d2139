package dev.aitrace.export;

import dev.aitrace.internal.SelfLog;
import java.util.Collection;
import java.util.List;

/** Hands each batch to several exporters; a fault in one does not keep the batch from the others. */
final class CompositeSpanExporter implements SpanExporter {
  private final List<SpanExporter> exporters;

  CompositeSpanExporter(List<? extends SpanExporter> exporters) {
    this.exporters = List.copyOf(exporters);
  }

  @Override
  public ExportResult export(Collection<SpanRecord> batch) {
    ExportResult result = ExportResult.SUCCESS;
    for (SpanExporter e : exporters) {
      try {
        if (!e.export(batch).isSuccess()) {
          result = ExportResult.FAILURE;
        }
      } catch (Throwable t) {
        SelfLog.fault("SpanExporter.export " + e.getClass().getName(), t);
        result = ExportResult.FAILURE;
      }
    }
    return result;
  }

  @Override
  public ExportResult flush() {
    ExportResult result = ExportResult.SUCCESS;
    for (SpanExporter e : exporters) {
      try {
        if (!e.flush().isSuccess()) {
          result = ExportResult.FAILURE;
        }
      } catch (Throwable t) {
        SelfLog.fault("SpanExporter.flush " + e.getClass().getName(), t);
        result = ExportResult.FAILURE;
      }
    }
    return result;
  }

  @Override
  public void shutdown() {
    for (SpanExporter e : exporters) {
      try {
        e.shutdown();
      } catch (Throwable t) {
        SelfLog.fault("SpanExporter.shutdown " + e.getClass().getName(), t);
      }
    }
  }

  @Override
  public String toString() {
    return "CompositeSpanExporter" + exporters;
  }
}
