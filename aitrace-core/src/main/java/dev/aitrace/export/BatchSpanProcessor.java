package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>The exporter runs on a thread of its own, watched by the worker: a call that does not return
 * within the export timeout counts its batch as failed. While that call is still stuck, the next
 * batch waits for it up to the export timeout again and is dropped and counted if it is still
 * stuck, so batches never pile up behind a dead exporter. Every span handed to {@link #onEnd} ends
 * up counted exactly once in {@link #stats()}.
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
  /** Completes when the latest exporter call returns; a call that timed out may still be running. */
  private volatile CompletableFuture<Void> lastCall = CompletableFuture.completedFuture(null);
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

  /**
   * Exports the spans ended before this call and flushes the exporter; returns when that is done or
   * when {@code timeoutMillis} has passed, whichever comes first.
   */
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

  /**
   * Stops taking spans, exports what is queued, shuts the exporter down and stops the threads, all
   * within {@code timeoutMillis}; what cannot be exported by then is counted as dropped. Idempotent.
   */
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
    if (!worker.isAlive()) {
      // The worker, the queue's only consumer, has finished: this thread may take its place.
      while (queue.poll() != null) {
        dropped.increment();
      }
    }
    call(() -> {
      exporter.shutdown();
      return ExportResult.SUCCESS;
    }, "shutdown", Math.max(1, deadline - System.nanoTime()));
    exportThread.shutdownNow();
  }

  private void work() {
    ArrayList<SpanRecord> batch = new ArrayList<>(maxBatch);
    long nextExport = System.nanoTime() + delayNanos;
    while (running) {
      try {
        CompletableFuture<Void> flush = flushRequest.getAndSet(null);
        if (flush != null) {
          exportQueued(batch, queue.size());
          flushExporter(exportTimeoutNanos);
          flush.complete(null);
          nextExport = System.nanoTime() + delayNanos;
          continue;
        }
        fill(batch, maxBatch);
        if (batch.size() >= maxBatch || (!batch.isEmpty() && System.nanoTime() - nextExport >= 0)) {
          export(batch, exportTimeoutNanos);
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
      while (true) {
        fill(batch, maxBatch);
        if (batch.isEmpty()) {
          break;
        }
        long remaining = shutdownDeadline - System.nanoTime();
        if (remaining > 0) {
          export(batch, Math.min(exportTimeoutNanos, remaining));
        } else {
          drop(batch);
        }
      }
      long remaining = shutdownDeadline - System.nanoTime();
      if (remaining > 0) {
        flushExporter(Math.min(exportTimeoutNanos, remaining));
      }
    } catch (Throwable t) {
      SelfLog.fault("BatchSpanProcessor final export", t);
      drop(batch);
    } finally {
      CompletableFuture<Void> flush = flushRequest.getAndSet(null);
      if (flush != null) {
        flush.complete(null);
      }
    }
  }

  /** Moves up to {@code limit - batch.size()} spans from the queue into {@code batch}. */
  private void fill(ArrayList<SpanRecord> batch, int limit) {
    int taken = 0;
    SpanRecord span;
    while (batch.size() < limit && (span = queue.poll()) != null) {
      batch.add(span);
      taken++;
    }
    if (taken > 0) {
      inBatch.addAndGet(taken);
    }
  }

  /** Exports {@code count} queued spans (fewer if the queue holds fewer) plus those already batched. */
  private void exportQueued(ArrayList<SpanRecord> batch, int count) {
    int left = count;
    do {
      int before = batch.size();
      fill(batch, Math.min(maxBatch, before + left));
      left -= batch.size() - before;
      if (!batch.isEmpty()) {
        export(batch, exportTimeoutNanos);
      }
    } while (left > 0 && queue.size() > 0);
  }

  private void flushExporter(long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    if (awaitLastCall(waitNanos)) {
      call(exporter::flush, "flush", Math.max(1, deadline - System.nanoTime()));
    }
  }

  /** Exports {@code batch} and clears it; the outcome of every span in it is counted exactly once. */
  private void export(ArrayList<SpanRecord> batch, long waitNanos) {
    int size = batch.size();
    long deadline = System.nanoTime() + waitNanos;
    if (!awaitLastCall(waitNanos)) {
      SelfLog.warnOnce("batch.exporter.stuck",
          "aitrace: exporter {} is stuck in an earlier export; dropping spans until it returns",
          exporter);
      drop(batch);
      return;
    }
    ArrayList<SpanRecord> copy = new ArrayList<>(batch);
    batch.clear();
    ExportResult result =
        call(() -> exporter.export(copy), "export", Math.max(1, deadline - System.nanoTime()));
    (result.isSuccess() ? exported : failed).addAndGet(size);
    inBatch.addAndGet(-size);
  }

  private void drop(ArrayList<SpanRecord> batch) {
    int size = batch.size();
    batch.clear();
    dropped.add(size);
    inBatch.addAndGet(-size);
  }

  /** Waits up to {@code waitNanos} for an earlier exporter call that timed out; false if still stuck. */
  private boolean awaitLastCall(long waitNanos) {
    CompletableFuture<Void> previous = lastCall;
    if (previous.isDone()) {
      return true;
    }
    try {
      previous.get(waitNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /**
   * Runs {@code task} on the export thread and waits up to {@code waitNanos}. A call that takes
   * longer is interrupted and reported as a failure; {@link #lastCall} completes only when it
   * actually returns.
   */
  private ExportResult call(Callable<ExportResult> task, String what, long waitNanos) {
    CompletableFuture<Void> returned = new CompletableFuture<>();
    AtomicBoolean started = new AtomicBoolean();
    Future<ExportResult> future;
    try {
      future = exportThread.submit(() -> {
        started.set(true);
        try {
          return task.call();
        } finally {
          returned.complete(null);
        }
      });
    } catch (RejectedExecutionException e) {
      return ExportResult.FAILURE;
    }
    lastCall = returned;
    try {
      ExportResult result = future.get(waitNanos, TimeUnit.NANOSECONDS);
      return result == null ? ExportResult.FAILURE : result;
    } catch (TimeoutException e) {
      future.cancel(true);
      if (!started.get()) {
        returned.complete(null); // cancelled before it ran: nothing is stuck
      }
      SelfLog.warnOnce("batch." + what + ".timeout",
          "aitrace: {} of {} did not return in time; its batch counts as failed", what, exporter);
      return ExportResult.FAILURE;
    } catch (ExecutionException e) {
      SelfLog.fault("SpanExporter." + what + " " + exporter.getClass().getName(), e.getCause());
      return ExportResult.FAILURE;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return ExportResult.FAILURE;
    }
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
