package dev.aitrace.export;

import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * A hook called synchronously as spans start and end, on the thread that starts or ends them. The
 * ledger, the guards and the batch exporter are processors. Implementations must be fast, must not
 * block and should not throw; aitrace catches and counts anything they throw, so one faulty processor
 * cannot stop the others or reach the application.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SpanProcessor {
  /** Called when a span starts; {@code span} is live, see {@link SpanRecord}. */
  default void onStart(Context parentContext, SpanRecord span) {}

  /** Called once when a span ends; {@code span} is immutable from now on. */
  default void onEnd(SpanRecord span) {}

  /** Pushes out whatever is buffered; returns when done or when {@code timeoutMillis} has passed. */
  default void flush(long timeoutMillis) {}

  /** Flushes and releases resources. Called once, by {@code AiTrace.close()}. */
  default void shutdown(long timeoutMillis) {}

  /** A processor that does nothing. */
  static SpanProcessor noop() {
    return NoopSpanProcessor.INSTANCE;
  }

  /** A processor that calls each of {@code processors} in order, isolating their faults. */
  static SpanProcessor composite(List<? extends SpanProcessor> processors) {
    List<SpanProcessor> list = new ArrayList<>(processors.size());
    for (SpanProcessor p : processors) {
      if (p != null && p != NoopSpanProcessor.INSTANCE) {
        list.add(p);
      }
    }
    if (list.isEmpty()) {
      return noop();
    }
    return list.size() == 1 ? list.get(0) : new CompositeSpanProcessor(list);
  }
}
