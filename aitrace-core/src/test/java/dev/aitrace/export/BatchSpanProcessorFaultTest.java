package dev.aitrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Exporters that throw, fail, or hang: the application thread never blocks and never sees an
 * exception, memory stays within the queue, and every span is counted exactly once.
 */
class BatchSpanProcessorFaultTest {

  private static AiTrace pipeline(SpanExporter exporter, int maxQueueSize, Duration exportTimeout) {
    return AiTrace.builder()
        .addExporter(exporter)
        .maxQueueSize(maxQueueSize)
        .maxExportBatchSize(10)
        .exportTimeout(exportTimeout)
        .shutdownHook(false)
        .build();
  }

  private static void endSpans(AiTrace aiTrace, int n) {
    for (int i = 0; i < n; i++) {
      aiTrace.tracer().spanBuilder("s" + i).startSpan().end();
    }
  }

  @Test
  void exporterThatThrows_countsFailed_andNeverReachesTheApplication() {
    AtomicInteger calls = new AtomicInteger();
    SpanExporter throwing = batch -> {
      calls.incrementAndGet();
      throw new IllegalStateException("backend exploded");
    };
    try (AiTrace aiTrace = pipeline(throwing, 100, Duration.ofSeconds(5))) {
      endSpans(aiTrace, 25);
      aiTrace.flush();
      PipelineStats stats = aiTrace.exportStats();
      assertThat(stats.failed()).isEqualTo(25);
      assertThat(stats.exported()).isZero();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.queued()).isZero();
      assertThat(calls.get()).isEqualTo(3); // batches of 10, 10, 5
    }
  }

  @Test
  void exporterThatRejects_countsFailed_thenRecovers() {
    AtomicInteger calls = new AtomicInteger();
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    SpanExporter flaky = batch -> calls.incrementAndGet() == 1 ? ExportResult.FAILURE : memory.export(batch);
    try (AiTrace aiTrace = pipeline(flaky, 100, Duration.ofSeconds(5))) {
      endSpans(aiTrace, 5);
      aiTrace.flush();
      endSpans(aiTrace, 7);
      aiTrace.flush();
      assertThat(aiTrace.exportStats().failed()).isEqualTo(5);
      assertThat(aiTrace.exportStats().exported()).isEqualTo(7);
      assertThat(memory.getFinishedSpans()).hasSize(7);
    }
  }

  @Test
  void exporterThatHangs_neverBlocksTheApplication_andDropsAreCountedExactly() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    SpanExporter hanging = new SpanExporter() {
      @Override
      public ExportResult export(Collection<SpanRecord> batch) {
        entered.countDown();
        try {
          while (release.getCount() > 0) {
            try {
              release.await(); // deaf to interrupts, like a stuck socket read
            } catch (InterruptedException ignored) {
              // keep hanging
            }
          }
        } finally {
          Thread.interrupted();
        }
        return memory.export(batch);
      }
    };
    int queueSize = 50;
    try (AiTrace aiTrace = pipeline(hanging, queueSize, Duration.ofMillis(200))) {
      endSpans(aiTrace, 10); // one full batch: the worker hands it over and the exporter hangs
      entered.await();
      int ended = 10;
      for (int round = 0; round < 20; round++) {
        endSpans(aiTrace, 100); // returns at once although the exporter is stuck
        ended += 100;
        assertThat(aiTrace.exportStats().queued()).isLessThanOrEqualTo(queueSize + 10);
      }
      aiTrace.flush();
      PipelineStats stuck = aiTrace.exportStats();
      assertThat(stuck.exported()).isZero();
      assertThat(stuck.failed()).isEqualTo(10); // the batch that hung, after the export timeout
      assertThat(stuck.dropped()).isGreaterThanOrEqualTo(ended - 10 - queueSize);
      assertThat(stuck.total()).isEqualTo(ended);

      release.countDown(); // the backend comes back
      endSpans(aiTrace, 30);
      ended += 30;
      aiTrace.flush();
      PipelineStats after = aiTrace.exportStats();
      assertThat(after.exported()).isEqualTo(30);
      assertThat(after.total()).isEqualTo(ended);
      assertThat(after.queued()).isZero();
      assertThat(after.exported() + after.dropped() + after.failed()).isEqualTo(ended);
      assertThat(memory.getFinishedSpans()).extracting(SpanRecord::name).contains("s0", "s29");
    }
  }

  @Test
  void close_exportsWhatIsQueued_andLaterSpansAreDroppedAndCounted() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    AiTrace aiTrace = pipeline(memory, 1000, Duration.ofSeconds(5));
    endSpans(aiTrace, 123);
    aiTrace.close();
    assertThat(memory.getFinishedSpans()).hasSize(123);
    assertThat(aiTrace.exportStats().exported()).isEqualTo(123);
    aiTrace.close(); // idempotent
    aiTrace.flush(); // harmless after close
    assertThat(aiTrace.exportStats().total()).isEqualTo(123);
  }

  @Test
  void shutdownWithAHungExporter_returnsWithinItsTimeout_andCountsEverySpan() {
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter hanging = batch -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ExportResult.SUCCESS;
    };
    BatchSpanProcessor processor = BatchSpanProcessor.builder(hanging)
        .maxQueueSize(100).maxExportBatchSize(10).exportTimeout(Duration.ofSeconds(30)).build();
    for (SpanRecord span : TestSpans.simple(40)) {
      processor.onEnd(span);
    }
    processor.shutdown(300); // the exporter is interrupted when the shutdown time is up
    release.countDown();
    PipelineStats stats = processor.stats();
    assertThat(stats.total()).isEqualTo(40);
    for (SpanRecord span : TestSpans.simple(2)) {
      processor.onEnd(span);
    }
    assertThat(processor.stats().total()).isEqualTo(42);
  }
}
