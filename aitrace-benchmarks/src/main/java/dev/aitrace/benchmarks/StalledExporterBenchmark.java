package dev.aitrace.benchmarks;

import dev.aitrace.AiTrace;
import dev.aitrace.export.ExportResult;
import dev.aitrace.export.PipelineStats;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Span start and end while the exporter hangs forever on its first batch ({@code stalled}: it ignores
 * interrupts, like a socket write to a dead peer without a timeout), against a healthy no-op exporter.
 * The application thread must stay as fast as with the healthy exporter and the heap must stay
 * bounded by the queue: every span past the queue is dropped and counted. At the end of each run the
 * pipeline counts and the live heap after a full GC, before and after, go to {@code
 * target/exporter-<param>.properties} for the report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class StalledExporterBenchmark {
  static final int QUEUE = 2048;

  @Param({"healthy", "stalled"})
  public String exporter;

  private final CountDownLatch release = new CountDownLatch(1);
  private AiTrace aiTrace;
  private Tracer tracer;
  private long heapBefore;

  @Setup
  public void setUp() {
    aiTrace = AiTrace.builder()
        .serviceName("bench")
        .addExporter("stalled".equals(exporter) ? new StalledExporter(release) : new NoopExporters.Aitrace())
        .maxQueueSize(QUEUE)
        .shutdownHook(false)
        .build();
    tracer = aiTrace.tracer("bench");
    heapBefore = liveHeap();
  }

  @TearDown
  public void tearDown() throws IOException {
    PipelineStats stats = aiTrace.exportStats();
    long heapAfter = liveHeap();
    Properties p = new Properties();
    p.setProperty("spans", Long.toString(stats.total()));
    p.setProperty("exported", Long.toString(stats.exported()));
    p.setProperty("dropped", Long.toString(stats.dropped()));
    p.setProperty("failed", Long.toString(stats.failed()));
    p.setProperty("queued", Long.toString(stats.queued()));
    p.setProperty("queueCapacity", Integer.toString(QUEUE));
    p.setProperty("heapBeforeBytes", Long.toString(heapBefore));
    p.setProperty("heapAfterBytes", Long.toString(heapAfter));
    p.setProperty("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
    Path report = Path.of("target", "exporter-" + exporter + ".properties");
    Files.createDirectories(report.getParent());
    try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      p.store(out, "aitrace pipeline with a " + exporter + " exporter");
    }
    System.out.println(exporter + " exporter: " + stats + ", live heap " + heapBefore + " -> " + heapAfter + " bytes");
    release.countDown();
    aiTrace.close();
  }

  @Benchmark
  public void spanStartEnd() {
    tracer.spanBuilder("load customer").setAttribute(SpanBenchmark.OPERATION, "SELECT").startSpan().end();
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Blocks every export until released, ignoring interrupts. */
  static final class StalledExporter implements SpanExporter {
    private final CountDownLatch release;

    StalledExporter(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public ExportResult export(Collection<SpanRecord> batch) {
      boolean interrupted = false;
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return ExportResult.SUCCESS;
    }

    @Override
    public String toString() {
      return "StalledExporter";
    }
  }
}
