package dev.aitrace.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands ended spans to the test as they end, on whatever thread ends them. A server span may end a
 * moment after the client has read the response, so tests wait for it here instead of sleeping.
 */
final class SpanCollector implements SpanProcessor {
  private final BlockingQueue<SpanRecord> ended = new LinkedBlockingQueue<>();

  @Override
  public void onEnd(SpanRecord span) {
    ended.add(span);
  }

  /** The next {@code count} spans to end, waiting up to 10 seconds for each. */
  List<SpanRecord> take(int count) throws InterruptedException {
    List<SpanRecord> spans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SpanRecord span = ended.poll(10, TimeUnit.SECONDS);
      assertThat(span).as("span %s of %s to end; got %s", i + 1, count, spans).isNotNull();
      spans.add(span);
    }
    return spans;
  }

  SpanRecord takeOne() throws InterruptedException {
    return take(1).get(0);
  }

  /** Spans that ended and were not taken yet. */
  List<SpanRecord> remaining() {
    List<SpanRecord> rest = new ArrayList<>();
    ended.drainTo(rest);
    return rest;
  }
}
