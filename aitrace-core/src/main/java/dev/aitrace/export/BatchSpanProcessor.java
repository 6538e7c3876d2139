package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands ended spans to a {@link SpanExporter} in batches, from one daemon worker thread. The
 * application thread that ends a span only offers it to a bounded lock-free queue: it never blocks,
 * never waits for the exporter, and when the queue is full the span is dropped and counted. A slow
 * or dead exporter can therefore never slow the application or grow memory past the queue size.
 *
 * <p>A call into the exporter that does not return within the export timeout counts its batch as
 * failed; while it stays stuck, later batches are dropped and counted rather than piling up behind
 * it. Every span handed to {@link #onEnd} is counted exactly once in {@link #stats()}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * SpanProcessor batch = BatchSpanProcessor.builder(exporter)
 *     .maxQueueSize(4096)
 *     .scheduleDelay(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class BatchSpanProcessor implements SpanProcessor {
  private final SpanExporter exporter;
  private final MpscBoundedQueue<SpanRecord> queue;
  private final int maxBatch;
  private final long delayNanos;
  private final long exportTimeoutNanos;
  private final Thread worker;
  private final WatchedExporter calls;
  private final AtomicBoolean workerParked = new AtomicBoolean();
  private final AtomicBoolean shutdownCalled = new AtomicBoolean();
  private final AtomicReference<CompletableFuture<Void>> flushRequest = new AtomicReference<>();
  private final AtomicLong exported = new AtomicLong();
  // Bumped by application threads when the queue is full, so striped to keep them from contending.
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong inBatch = new AtomicLong();
  private volatile boolean running = true;
  private volatile long shutdownDeadline;

  private BatchSpanProcessor(Builder b) {
    this.exporter = b.exporter;
    this.queue = new MpscBoundedQueue<>(b.maxQueueSize);
    this.maxBatch = Math.min(b.maxExportBatchSize, b.maxQueueSize);
    this.delayNanos = b.scheduleDelay.toNanos();
    this.exportTimeoutNanos = b.exportTimeout.toNanos();
    this.calls = new WatchedExporter(exporter);
    this.worker = new Thread(this::work, "aitrace-export");
    worker.setDaemon(true);
    worker.start();
  }

  public static Builder builder(SpanExporter exporter) {
    return new Builder(exporter);
  }

  @Override
  public void onEnd(SpanRecord span) {
    if (!running || !queue.offer(span)) {
      dropped.increment();
      return;
    }
    // Read before any write: while the worker is busy, ending a span touches no shared cache line
    // beyond the queue's producer index.
    if (workerParked.get() && queue.size() >= maxBatch && workerParked.compareAndSet(true, false)) {
      LockSupport.unpark(worker);
    }
  }

  /** What happened to the spans handed to this processor so far. */
  public PipelineStats stats() {
    return new PipelineStats(
        exported.get(), dropped.sum(), failed.get(), queue.size() + inBatch.get());
  }

  /** Exports the spans ended before this call and flushes the exporter, waiting up to {@code timeoutMillis}. */
  @Override
  public void flush(long timeoutMillis) {
    if (!running) {
      return;
    }
    // Join a request the worker has not picked up yet: it will cover our spans too.
    CompletableFuture<Void> request =
        flushRequest.updateAndGet(existing -> existing != null ? existing : new CompletableFuture<>());
    LockSupport.unpark(worker);
    try {
      request.get(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      SelfLog.warnOnce("batch.flush.timeout", "aitrace: flush did not finish within {} ms", timeoutMillis);
    }
  }

  /** Exports what is queued and shuts the exporter down within {@code timeoutMillis}; then drops. */
  @Override
  public void shutdown(long timeoutMillis) {
    if (!shutdownCalled.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
    shutdownDeadline = deadline;
    running = false;
    LockSupport.unpark(worker);
    try {
      worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!worker.isAlive()) { // the queue's only consumer has finished: this thread may take its place
      while (queue.poll() != null) {
        dropped.increment();
      }
    }
    calls.shutdown(Math.max(1, deadline - System.nanoTime()));
  }

  private void work() {
    ArrayList<SpanRecord> batch = new ArrayList<>(maxBatch);
    long nextExport = System.nanoTime() + delayNanos;
    while (running) {
      try {
        CompletableFuture<Void> flush = flushRequest.getAndSet(null);
        if (flush != null) {
          exportQueued(batch, queue.size());
          calls.flush(exportWait());
          flush.complete(null);
          nextExport = System.nanoTime() + delayNanos;
          continue;
        }
        fill(batch, maxBatch);
        if (batch.size() >= maxBatch || (!batch.isEmpty() && System.nanoTime() - nextExport >= 0)) {
          export(batch, exportWait());
          nextExport = System.nanoTime() + delayNanos;
          continue;
        }
        if (batch.isEmpty() && System.nanoTime() - nextExport >= 0) {
          nextExport = System.nanoTime() + delayNanos;
        }
        workerParked.set(true);
        if (running && queue.size() < maxBatch && flushRequest.get() == null) {
          LockSupport.parkNanos(this, Math.max(0, nextExport - System.nanoTime()));
        }
        workerParked.set(false);
      } catch (Throwable t) {
        SelfLog.fault("BatchSpanProcessor worker", t);
      }
    }
    finish(batch);
  }

  /** After shutdown: exports what is left while the shutdown deadline allows, drops the rest. */
  private void finish(ArrayList<SpanRecord> batch) {
    try {
      for (fill(batch, maxBatch); !batch.isEmpty(); fill(batch, maxBatch)) {
        if (shutdownDeadline - System.nanoTime() > 0) {
          export(batch, exportWait());
        } else {
          drop(batch);
        }
      }
      if (shutdownDeadline - System.nanoTime() > 0) {
        calls.flush(exportWait());
      }
    } catch (Throwable t) {
      SelfLog.fault("BatchSpanProcessor final export", t);
      drop(batch);
    } finally {
      CompletableFuture<Void> flush = flushRequest.getAndSet(null);
      if (flush != null) {
        flush.complete(null); // a flush that raced with shutdown: nothing more will be exported
      }
    }
  }

  /** How long one exporter call may take: the export timeout, and after shutdown no later than its deadline. */
  private long exportWait() {
    long left = shutdownDeadline - System.nanoTime();
    return running ? exportTimeoutNanos : Math.max(1, Math.min(exportTimeoutNanos, left));
  }

  /** Moves up to {@code limit - batch.size()} spans from the queue into {@code batch}. */
  private void fill(ArrayList<SpanRecord> batch, int limit) {
    int before = batch.size();
    SpanRecord span;
    while (batch.size() < limit && (span = queue.poll()) != null) {
      batch.add(span);
    }
    inBatch.addAndGet(batch.size() - before);
  }

  /** Exports {@code count} queued spans (fewer if the queue holds fewer) plus those already batched. */
  private void exportQueued(ArrayList<SpanRecord> batch, int count) {
    int left = count;
    do {
      int before = batch.size();
      fill(batch, Math.min(maxBatch, before + left));
      left -= batch.size() - before;
      if (!batch.isEmpty()) {
        export(batch, exportWait());
      }
    } while (left > 0 && queue.size() > 0);
  }

  /** Exports {@code batch} and clears it; the outcome of every span in it is counted exactly once. */
  private void export(ArrayList<SpanRecord> batch, long waitNanos) {
    ExportResult result = calls.export(new ArrayList<>(batch), waitNanos);
    if (result == null) {
      drop(batch); // the exporter is still stuck in an earlier call and was not called
      return;
    }
    (result.isSuccess() ? exported : failed).addAndGet(batch.size());
    inBatch.addAndGet(-batch.size());
    batch.clear();
  }

  private void drop(ArrayList<SpanRecord> batch) {
    dropped.add(batch.size());
    inBatch.addAndGet(-batch.size());
    batch.clear();
  }

  @Override
  public String toString() {
    return "BatchSpanProcessor{exporter=" + exporter + ", stats=" + stats() + "}";
  }

  /** Configures a {@link BatchSpanProcessor}. Not thread-safe. */
  public static final class Builder {
    private final SpanExporter exporter;
    private int maxQueueSize = 2048;
    private int maxExportBatchSize = 512;
    private Duration scheduleDelay = Duration.ofSeconds(1);
    private Duration exportTimeout = Duration.ofSeconds(30);

    private Builder(SpanExporter exporter) {
      this.exporter = requireNonNull(exporter, "exporter");
    }

    /** Spans that may wait for export; more are dropped and counted. Default 2048. */
    public Builder maxQueueSize(int maxQueueSize) {
      this.maxQueueSize = positive("maxQueueSize", maxQueueSize);
      return this;
    }

    /** Spans per export call, at most {@code maxQueueSize}. Default 512. */
    public Builder maxExportBatchSize(int maxExportBatchSize) {
      this.maxExportBatchSize = positive("maxExportBatchSize", maxExportBatchSize);
      return this;
    }

    /** Longest time a span waits before its batch is exported. Default 1 second. */
    public Builder scheduleDelay(Duration scheduleDelay) {
      this.scheduleDelay = positive("scheduleDelay", scheduleDelay);
      return this;
    }

    /** Longest wait for one export call; then the batch counts as failed. Default 30 seconds. */
    public Builder exportTimeout(Duration exportTimeout) {
      this.exportTimeout = positive("exportTimeout", exportTimeout);
      return this;
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    public BatchSpanProcessor build() {
      return new BatchSpanProcessor(this);
    }
  }
}
