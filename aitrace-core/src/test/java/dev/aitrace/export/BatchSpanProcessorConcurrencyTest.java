package dev.aitrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** 8 threads x 100,000 spans: every span is exported exactly once or counted as dropped; nothing else. */
class BatchSpanProcessorConcurrencyTest {
  private static final int THREADS = 8;
  private static final int SPANS_PER_THREAD = 100_000;
  private static final int TOTAL = THREADS * SPANS_PER_THREAD;

  /** Keeps only the span ids, as longs, so 800,000 spans fit in a few megabytes. */
  private static final class IdRecorder implements SpanExporter {
    private long[] ids = new long[1024];
    private int count;
    private final CountDownLatch gate;

    IdRecorder(CountDownLatch gate) {
      this.gate = gate;
    }

    @Override
    public synchronized ExportResult export(Collection<SpanRecord> batch) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExportResult.FAILURE;
      }
      if (count + batch.size() > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + batch.size()));
      }
      for (SpanRecord span : batch) {
        ids[count++] = Long.parseUnsignedLong(span.spanId(), 16);
      }
      return ExportResult.SUCCESS;
    }

    synchronized long[] sortedIds() {
      long[] sorted = Arrays.copyOf(ids, count);
      Arrays.sort(sorted);
      return sorted;
    }
  }

  private static long[] run(AiTrace aiTrace, CountDownLatch gate) throws Exception {
    long[][] ended = new long[THREADS][SPANS_PER_THREAD];
    CyclicBarrier start = new CyclicBarrier(THREADS);
    Thread[] threads = new Thread[THREADS];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < THREADS; t++) {
      long[] mine = ended[t];
      threads[t] = new Thread(() -> {
        try {
          Tracer tracer = aiTrace.tracer("load");
          start.await();
          for (int i = 0; i < SPANS_PER_THREAD; i++) {
            Span span = tracer.spanBuilder("op").startSpan();
            mine[i] = Long.parseUnsignedLong(span.getSpanContext().getSpanId(), 16);
            span.end();
          }
        } catch (Throwable e) {
          failure[0] = e;
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failure[0]).isNull();
    gate.countDown(); // the exporter may proceed only now, so the variant with a small queue must drop
    aiTrace.close();
    long[] all = new long[TOTAL];
    for (int t = 0; t < THREADS; t++) {
      System.arraycopy(ended[t], 0, all, t * SPANS_PER_THREAD, SPANS_PER_THREAD);
    }
    Arrays.sort(all);
    return all;
  }

  private static void assertExactlyOnce(long[] ended, long[] exported, PipelineStats stats) {
    assertThat(duplicates(ended)).as("span ids are unique").isZero();
    assertThat(duplicates(exported)).as("spans exported twice").isZero();
    long strangers = Arrays.stream(exported).filter(id -> Arrays.binarySearch(ended, id) < 0).count();
    assertThat(strangers).as("exported spans that were never ended").isZero();
    assertThat(stats.exported()).isEqualTo(exported.length);
    assertThat(stats.failed()).isZero();
    assertThat(stats.queued()).isZero();
    assertThat(stats.exported() + stats.dropped() + stats.failed()).isEqualTo(TOTAL);
  }

  private static int duplicates(long[] sorted) {
    int duplicates = 0;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        duplicates++;
      }
    }
    return duplicates;
  }

  @Test
  void queueLargeEnough_everySpanIsExportedExactlyOnce() throws Exception {
    CountDownLatch open = new CountDownLatch(0);
    IdRecorder recorder = new IdRecorder(open);
    AiTrace aiTrace = AiTrace.builder().addExporter(recorder)
        .maxQueueSize(TOTAL).maxExportBatchSize(2048).scheduleDelay(Duration.ofMillis(50))
        .shutdownHook(false).build();
    long[] ended = run(aiTrace, open);
    PipelineStats stats = aiTrace.exportStats();
    assertExactlyOnce(ended, recorder.sortedIds(), stats);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.exported()).isEqualTo(TOTAL);
  }

  @Test
  void smallQueueAndBlockedExporter_spansAreExportedOnceOrCountedAsDropped() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    IdRecorder recorder = new IdRecorder(gate);
    AiTrace aiTrace = AiTrace.builder().addExporter(recorder)
        .maxQueueSize(1000).maxExportBatchSize(100).exportTimeout(Duration.ofMinutes(1))
        .shutdownHook(false).build();
    long[] ended = run(aiTrace, gate);
    PipelineStats stats = aiTrace.exportStats();
    assertExactlyOnce(ended, recorder.sortedIds(), stats);
    // While the exporter was held, at most one batch was with it and the queue was full.
    assertThat(stats.exported()).isLessThanOrEqualTo(1000 + 100);
    assertThat(stats.dropped()).isGreaterThanOrEqualTo(TOTAL - 1000 - 100);
  }
}
