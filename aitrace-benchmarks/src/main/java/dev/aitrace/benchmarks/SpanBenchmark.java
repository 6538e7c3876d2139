package dev.aitrace.benchmarks;

import dev.aitrace.AiTrace;
import dev.aitrace.export.PipelineStats;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One span, start to end, with six attributes and made current in between: the cost every traced
 * operation pays. aitrace is set up as an application would run it (batch processor, log
 * correlation into a real SLF4J MDC, no-op exporter); the OpenTelemetry SDK as its documentation
 * shows ({@code SdkTracerProvider} with a {@code BatchSpanProcessor} and a no-op exporter). Both use
 * their default queue sizes, so both drop what their worker cannot take when the benchmark outruns it.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class SpanBenchmark {
  // An ordinary application span, not an AI call: the AI-call path is OpenAiChatBenchmark's subject.
  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("db.response.returned_rows");
  static final AttributeKey<Long> CUSTOMER = AttributeKey.longKey("app.customer.id");
  static final AttributeKey<Double> SCORE = AttributeKey.doubleKey("app.customer.score");
  static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("app.cache.hit");

  private AiTrace aiTrace;
  private AiTrace aiTraceNoMdc;
  private SdkTracerProvider otelProvider;
  private Tracer aitraceTracer;
  private Tracer aitraceNoMdcTracer;
  private Tracer otelTracer;

  @Setup
  public void setUp() {
    aiTrace = AiTrace.builder()
        .serviceName("bench")
        .addExporter(new NoopExporters.Aitrace())
        .shutdownHook(false)
        .build();
    aiTraceNoMdc = AiTrace.builder()
        .serviceName("bench")
        .addExporter(new NoopExporters.Aitrace())
        .logCorrelation(false)
        .shutdownHook(false)
        .build();
    otelProvider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.builder().put("service.name", "bench").build()))
        .addSpanProcessor(BatchSpanProcessor.builder(new NoopExporters.Otel()).build())
        .build();
    aitraceTracer = aiTrace.tracer("bench");
    aitraceNoMdcTracer = aiTraceNoMdc.tracer("bench");
    otelTracer = otelProvider.get("bench");
  }

  @TearDown
  public void tearDown() {
    PipelineStats stats = aiTrace.exportStats();
    System.out.println("aitrace pipeline: " + stats);
    aiTrace.close();
    aiTraceNoMdc.close();
    otelProvider.close();
  }

  @Benchmark
  @Threads(1)
  public void aitrace() {
    spanWithScope(aitraceTracer);
  }

  @Benchmark
  @Threads(1)
  public void aitraceWithoutLogCorrelation() {
    spanWithScope(aitraceNoMdcTracer);
  }

  @Benchmark
  @Threads(1)
  public void otelSdk() {
    spanWithScope(otelTracer);
  }

  @Benchmark
  @Threads(2)
  public void aitrace2Threads() {
    spanWithScope(aitraceTracer);
  }

  @Benchmark
  @Threads(2)
  public void otelSdk2Threads() {
    spanWithScope(otelTracer);
  }

  /** What instrumentation does around one unit of work; identical for both tracers. */
  static void spanWithScope(Tracer tracer) {
    Span span = tracer.spanBuilder("load customer")
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(DB_SYSTEM, "postgresql")
        .setAttribute(OPERATION, "SELECT")
        .setAttribute(SCORE, 0.2)
        .setAttribute(CACHE_HIT, false)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(CUSTOMER, 1200L);
      span.setAttribute(ROWS, 300L);
    } finally {
      span.end();
    }
  }
}
