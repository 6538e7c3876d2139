package dev.aitrace.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.http.HttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.aitrace.AiTrace;
import dev.aitrace.openai.TracedOpenAI;
import io.opentelemetry.instrumentation.openai.v1_1.OpenAITelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chat completion through openai-java, over the same in-process fake transport: unwrapped, wrapped
 * by aitrace, and wrapped by OpenTelemetry's {@code opentelemetry-openai-java-1.1} instrumentation
 * (tracing only: SDK tracer provider with a batch processor and a no-op exporter, no metrics or log
 * pipeline). The difference to {@code unwrapped} is what the instrumentation costs per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class OpenAiChatBenchmark {
  static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder()
      .model("gpt-4o-mini")
      .addSystemMessage("You are a concise assistant.")
      .addUserMessage("What is the capital of France?")
      .temperature(0.2)
      .maxCompletionTokens(200)
      .build();
  static final ChatCompletionCreateParams STREAM_PARAMS = PARAMS.toBuilder()
      .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
      .build();

  private AiTrace aiTrace;
  private SdkTracerProvider otelTracerProvider;
  private OpenAIClient unwrapped;
  private OpenAIClient unwrappedStream;
  private OpenAIClient otel;
  private OpenAIClient otelStream;
  private OpenAIClient aitrace;
  private OpenAIClient aitraceStream;

  @Setup
  public void setUp() {
    otelTracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new NoopExporters.Otel()).build())
        .build();
    OpenAITelemetry otelTelemetry =
        OpenAITelemetry.create(OpenTelemetrySdk.builder().setTracerProvider(otelTracerProvider).build());
    aiTrace = AiTrace.builder()
        .serviceName("bench")
        .addExporter(new NoopExporters.Aitrace())
        .shutdownHook(false)
        .build();
    unwrapped = client(FakeOpenAiHttpClient.completion());
    unwrappedStream = client(FakeOpenAiHttpClient.stream());
    otel = otelTelemetry.wrap(client(FakeOpenAiHttpClient.completion()));
    otelStream = otelTelemetry.wrap(client(FakeOpenAiHttpClient.stream()));
    aitrace = TracedOpenAI.wrap(client(FakeOpenAiHttpClient.completion()), aiTrace);
    aitraceStream = TracedOpenAI.wrap(client(FakeOpenAiHttpClient.stream()), aiTrace);
    // Fail here, not in the middle of a measurement, if a client cannot read the canned answers.
    for (OpenAIClient client : new OpenAIClient[] {unwrapped, otel, aitrace}) {
      if (!"chatcmpl-bench01".equals(chat(client).id())) {
        throw new IllegalStateException("unexpected completion from " + client);
      }
    }
    for (OpenAIClient client : new OpenAIClient[] {unwrappedStream, otelStream, aitraceStream}) {
      if (stream(client) != 6) {
        throw new IllegalStateException("unexpected stream from " + client);
      }
    }
  }

  @TearDown
  public void tearDown() {
    otelTracerProvider.close();
    System.out.println("aitrace pipeline: " + aiTrace.exportStats());
    aiTrace.close();
  }

  static OpenAIClient client(HttpClient transport) {
    return new OpenAIClientImpl(ClientOptions.builder()
        .httpClient(transport)
        .apiKey("sk-benchmark-not-a-key")
        .baseUrl("https://api.openai.invalid/v1")
        .maxRetries(0)
        .build());
  }

  static ChatCompletion chat(OpenAIClient client) {
    return client.chat().completions().create(PARAMS);
  }

  /** Reads the whole stream, as an application would; returns the number of chunks. */
  static long stream(OpenAIClient client) {
    try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(STREAM_PARAMS)) {
      return chunks.stream().count();
    }
  }

  @Benchmark
  public ChatCompletion syncUnwrapped() {
    return chat(unwrapped);
  }

  @Benchmark
  public ChatCompletion syncOtel() {
    return chat(otel);
  }

  @Benchmark
  public ChatCompletion syncAitrace() {
    return chat(aitrace);
  }

  @Benchmark
  public long streamUnwrapped() {
    return stream(unwrappedStream);
  }

  @Benchmark
  public long streamOtel() {
    return stream(otelStream);
  }

  @Benchmark
  public long streamAitrace() {
    return stream(aitraceStream);
  }
}
