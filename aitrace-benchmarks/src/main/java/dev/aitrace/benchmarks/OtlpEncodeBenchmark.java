package dev.aitrace.benchmarks;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.export.otlp.OtlpJsonEncoder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OTLP/JSON encoding of one export batch (512 spans, as the batch processor sends them) into memory,
 * on one thread; the score is spans per second. The spans are real aitrace records of an agent
 * system: per request one SERVER span, two agent invocations, a tool and three AI calls carrying the
 * GenAI attributes, token usage and cost, plus the attribution every span inherits.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class OtlpEncodeBenchmark {
  static final int BATCH = 512;

  private final OtlpJsonEncoder encoder = OtlpJsonEncoder.create();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
  private List<SpanRecord> batch;

  @Setup
  public void setUp() throws IOException {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder()
        .serviceName("agent-team")
        .resourceAttribute("deployment.environment.name", "production")
        .addExporter(memory)
        .shutdownHook(false)
        .build()) {
      Tracer tracer = aiTrace.tracer("dev.aitrace.benchmarks");
      for (int request = 0; memory.getFinishedSpans().size() < BATCH; request++) {
        record(tracer, request);
        aiTrace.flush();
      }
    }
    batch = List.copyOf(memory.getFinishedSpans().subList(0, BATCH));
    encode();
    System.out.println("OTLP/JSON batch of " + BATCH + " spans: " + body.size() + " bytes");
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int encode() throws IOException {
    body.reset();
    encoder.encode(batch, body);
    return body.size();
  }

  private static void record(Tracer tracer, int request) {
    Attribution who = Attribution.builder()
        .userId("user-" + (request % 50)).sessionId("session-" + (request % 200)).taskId("task-" + request)
        .tenant("acme").budgetCategory("consulting").build();
    try (Scope attribution = who.makeCurrent()) {
      Span server = tracer.spanBuilder("POST /api/reports").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.request.method", "POST").setAttribute("http.route", "/api/reports")
          .setAttribute("url.path", "/api/reports").setAttribute("http.response.status_code", 200L)
          .startSpan();
      try (Scope s = server.makeCurrent()) {
        agent(tracer, "manager", request, 1);
        agent(tracer, "researcher", request, 2);
      } finally {
        server.end();
      }
    }
  }

  private static void agent(Tracer tracer, String name, int request, int calls) {
    Span agent = tracer.spanBuilder("invoke_agent " + name)
        .setAttribute(GenAiAttributes.OPERATION_NAME, "invoke_agent").setAttribute("gen_ai.agent.name", name)
        .startSpan();
    try (Scope s = agent.makeCurrent()) {
      for (int i = 0; i < calls; i++) {
        chat(tracer, request * 10 + i);
      }
      if (calls > 1) {
        Span tool = tracer.spanBuilder("execute_tool web_search")
            .setAttribute(GenAiAttributes.OPERATION_NAME, "execute_tool")
            .setAttribute("gen_ai.tool.name", "web_search").startSpan();
        tool.addEvent("cache_miss");
        tool.end();
      }
    } finally {
      agent.end();
    }
  }

  private static void chat(Tracer tracer, int n) {
    Span chat = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT)
        .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
        .setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
        .setAttribute(GenAiAttributes.REQUEST_MODEL, "gpt-4o-mini")
        .setAttribute(GenAiAttributes.REQUEST_TEMPERATURE, 0.2)
        .setAttribute(GenAiAttributes.REQUEST_MAX_TOKENS, 800L)
        .setAttribute(GenAiAttributes.SERVER_ADDRESS, "api.openai.com")
        .setAttribute(GenAiAttributes.SERVER_PORT, 443L)
        .startSpan();
    chat.setAttribute(GenAiAttributes.RESPONSE_ID, "chatcmpl-" + Integer.toHexString(0x5f3a0000 + n));
    chat.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
    chat.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of("stop"));
    chat.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 1200L + n % 300);
    chat.setAttribute(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS, 1024L);
    chat.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, 310L + n % 90);
    chat.setAttribute(GenAiAttributes.COST_USD, 0.000_412 + n % 7 * 0.000_01);
    chat.setAttribute(GenAiAttributes.OPENAI_REQUEST_ID, "req_" + Integer.toHexString(n * 7919));
    chat.setStatus(StatusCode.OK);
    chat.end();
  }
}
