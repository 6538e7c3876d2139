package dev.aitrace.export;

import dev.aitrace.internal.SelfLog;
import io.opentelemetry.context.Context;
import java.util.List;

/** Fans out to several processors; a fault in one is counted and does not stop the next. */
final class CompositeSpanProcessor implements SpanProcessor {
  private final SpanProcessor[] processors;

  CompositeSpanProcessor(List<SpanProcessor> processors) {
    this.processors = processors.toArray(new SpanProcessor[0]);
  }

  @Override
  public void onStart(Context parentContext, SpanRecord span) {
    for (SpanProcessor p : processors) {
      try {
        p.onStart(parentContext, span);
      } catch (RuntimeException e) {
        if (isBlocking(e)) {
          throw e;
        }
        SelfLog.fault("SpanProcessor.onStart " + p.getClass().getName(), e);
      }
    }
  }

  @Override
  public void onEnd(SpanRecord span) {
    for (SpanProcessor p : processors) {
      try {
        p.onEnd(span);
      } catch (Throwable t) {
        SelfLog.fault("SpanProcessor.onEnd " + p.getClass().getName(), t);
      }
    }
  }

  @Override
  public void flush(long timeoutMillis) {
    for (SpanProcessor p : processors) {
      try {
        p.flush(timeoutMillis);
      } catch (Throwable t) {
        SelfLog.fault("SpanProcessor.flush " + p.getClass().getName(), t);
      }
    }
  }

  @Override
  public void shutdown(long timeoutMillis) {
    for (SpanProcessor p : processors) {
      try {
        p.shutdown(timeoutMillis);
      } catch (Throwable t) {
        SelfLog.fault("SpanProcessor.shutdown " + p.getClass().getName(), t);
      }
    }
  }

  /** A guard the user configured to block may stop a span from starting; nothing else may. */
  private static boolean isBlocking(RuntimeException e) {
    return e instanceof dev.aitrace.AiTraceBlockedException;
  }
}
