package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  private final ExecutorService exportThread;
  private final AtomicBoolean workerParked = new AtomicBoolean();
  private final AtomicReference<CompletableFuture<Void>> flushRequest = new AtomicReference<>();
  private final AtomicLong exported = new AtomicLong();
  // Bumped by application threads when the queue is full, so striped to keep them from contending.
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong inBatch = new AtomicLong();
  private volatile boolean running = true;
  private Future<ExportResult> inFlight;

  private BatchSpanProcessor(Builder b) {
    this.exporter = b.exporter;
    this.queue = new MpscBoundedQueue<>(b.maxQueueSize);
    this.maxBatch = b.maxExportBatchSize;
    this.delayNanos = b.scheduleDelay.toNanos();
    this.exportTimeoutNanos = b.exportTimeout.toNanos();
    this.exportThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "aitrace-export-call");
              t.setDaemon(true);
              return t;
            });
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

  @Override
  public void flush(long timeoutMillis) {
    if (!running) {
      return;
    }
    CompletableFuture<Void> request = new CompletableFuture<>();
    CompletableFuture<Void> existing = flushRequest.compareAndExchange(null, request);
    CompletableFuture<Void> awaited = existing == null ? request : existing;
    LockSupport.unpark(worker);
    try {
      awaited.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      SelfLog.warnOnce("batch.flush.timeout", "aitrace: flush did not finish within {} ms", timeoutMillis);
    }
  }

  @Override
  public void shutdown(long timeoutMillis) {
    if (!running) {
      return;
    }
    flush(timeoutMillis);
    running = false;
    LockSupport.unpark(worker);
    try {
      worker.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Anything still queued after the worker stopped can no longer be exported.
    SpanRecord leftover;
    while ((leftover = queue.poll()) != null) {
      dropped.increment();
    }
    try {
      exporter.shutdown();
    } catch (Throwable t) {
      SelfLog.fault("SpanExporter.shutdown", t);
    }
    exportThread.shutdownNow();
  }

  private void work() {
    ArrayList<SpanRecord> batch = new ArrayList<>(maxBatch);
    long nextExport = System.nanoTime() + delayNanos;
    while (running) {
      try {
        CompletableFuture<Void> flush = flushRequest.get();
        if (flush != null) {
          drainAll(batch);
          exportFlush();
          flushRequest.compareAndSet(flush, null);
          flush.complete(null);
          nextExport = System.nanoTime() + delayNanos;
          continue;
        }
        fill(batch);
        if (batch.size() >= maxBatch || (!batch.isEmpty() && System.nanoTime() >= nextExport)) {
          export(batch);
          nextExport = System.nanoTime() + delayNanos;
          continue;
        }
        if (batch.isEmpty() && System.nanoTime() >= nextExport) {
          nextExport = System.nanoTime() + delayNanos;
        }
        workerParked.set(true);
        if (queue.size() < maxBatch && flushRequest.get() == null) {
          LockSupport.parkNanos(this, Math.max(0, nextExport - System.nanoTime()));
        }
        workerParked.set(false);
      } catch (Throwable t) {
        SelfLog.fault("BatchSpanProcessor worker", t);
      }
    }
    try {
      drainAll(batch);
      exportFlush();
    } catch (Throwable t) {
      SelfLog.fault("BatchSpanProcessor final export", t);
    }
  }

  private void fill(ArrayList<SpanRecord> batch) {
    SpanRecord span;
    while (batch.size() < maxBatch && (span = queue.poll()) != null) {
      batch.add(span);
      inBatch.incrementAndGet();
    }
  }

  private void drainAll(ArrayList<SpanRecord> batch) {
    do {
      fill(batch);
      if (!batch.isEmpty()) {
        export(batch);
      }
    } while (queue.size() > 0);
  }

  private void exportFlush() {
    awaitInFlight();
    try {
      exporter.flush();
    } catch (Throwable t) {
      SelfLog.fault("SpanExporter.flush", t);
    }
  }

  /** Exports {@code batch} and clears it; the outcome of every span in it is counted exactly once. */
  private void export(ArrayList<SpanRecord> batch) {
    int size = batch.size();
    if (!awaitInFlight()) {
      // The exporter is still stuck on an earlier batch: drop this one rather than pile up memory.
      dropped.add(size);
      SelfLog.warnOnce("batch.exporter.stuck", "aitrace: exporter {} is stuck; dropping spans", exporter);
      clear(batch);
      return;
    }
    ArrayList<SpanRecord> copy = new ArrayList<>(batch);
    clear(batch);
    inBatch.addAndGet(size);
    Future<ExportResult> call;
    try {
      call = exportThread.submit(() -> exporter.export(copy));
    } catch (RuntimeException e) {
      inBatch.addAndGet(-size);
      failed.addAndGet(size);
      SelfLog.fault("BatchSpanProcessor submit", e);
      return;
    }
    inFlight = call;
    try {
      ExportResult result = call.get(exportTimeoutNanos, TimeUnit.NANOSECONDS);
      (result != null && result.isSuccess() ? exported : failed).addAndGet(size);
      inFlight = null;
    } catch (TimeoutException e) {
      failed.addAndGet(size);
      call.cancel(true);
      SelfLog.warnOnce("batch.export.timeout", "aitrace: exporter {} timed out; batch counted as failed", exporter);
    } catch (ExecutionException e) {
      failed.addAndGet(size);
      inFlight = null;
      SelfLog.fault("SpanExporter.export " + exporter.getClass().getName(), e.getCause());
    } catch (InterruptedException e) {
      failed.addAndGet(size);
      Thread.currentThread().interrupt();
    } finally {
      inBatch.addAndGet(-size);
    }
  }

  private void clear(ArrayList<SpanRecord> batch) {
    inBatch.addAndGet(-batch.size());
    batch.clear();
  }

  /** Waits briefly for an export that timed out earlier; false if it is still running. */
  private boolean awaitInFlight() {
    Future<ExportResult> previous = inFlight;
    if (previous == null) {
      return true;
    }
    if (!previous.isDone()) {
      return false;
    }
    inFlight = null;
    return true;
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
      if (maxQueueSize < 1) {
        throw new IllegalArgumentException("maxQueueSize must be positive: " + maxQueueSize);
      }
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    /** Spans per export call. Default 512. */
    public Builder maxExportBatchSize(int maxExportBatchSize) {
      if (maxExportBatchSize < 1) {
        throw new IllegalArgumentException("maxExportBatchSize must be positive: " + maxExportBatchSize);
      }
      this.maxExportBatchSize = maxExportBatchSize;
      return this;
    }

    /** Longest time a span waits before its batch is exported. Default 1 second. */
    public Builder scheduleDelay(Duration scheduleDelay) {
      requireNonNull(scheduleDelay, "scheduleDelay");
      if (scheduleDelay.isNegative() || scheduleDelay.isZero()) {
        throw new IllegalArgumentException("scheduleDelay must be positive: " + scheduleDelay);
      }
      this.scheduleDelay = scheduleDelay;
      return this;
    }

    /** Longest wait for one export call; then the batch counts as failed. Default 30 seconds. */
    public Builder exportTimeout(Duration exportTimeout) {
      requireNonNull(exportTimeout, "exportTimeout");
      if (exportTimeout.isNegative() || exportTimeout.isZero()) {
        throw new IllegalArgumentException("exportTimeout must be positive: " + exportTimeout);
      }
      this.exportTimeout = exportTimeout;
      return this;
    }

    public BatchSpanProcessor build() {
      if (maxExportBatchSize > maxQueueSize) {
        maxExportBatchSize = maxQueueSize;
      }
      return new BatchSpanProcessor(this);
    }
  }
}
