package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.Sleeper;
import dev.aitrace.AiTrace;
import dev.aitrace.AiTraceBuilder;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A WireMock server speaking OpenAI's wire format on 127.0.0.1, an {@link AiTrace} that keeps its
 * spans in memory, and real openai-java clients pointed at the server: plain ones (what the
 * application would see without aitrace) and traced ones.
 */
final class OpenAiServer implements AutoCloseable {
  static final String API_KEY = "sk-test-secret-key";
  /** Generous: the first call of a JVM loads much of openai-java, Jackson and Kotlin. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  final WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final AiTrace aiTrace;
  /** What the clients' retry layer was asked to wait, instead of waiting. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  OpenAiServer() {
    this(builder -> builder);
  }

  OpenAiServer(UnaryOperator<AiTraceBuilder> configure) {
    wireMock.start();
    aiTrace = configure.apply(AiTrace.builder().serviceName("openai-test").addExporter(spans).shutdownHook(false)).build();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + wireMock.port() + "/v1";
  }

  void stub(String path, ResponseDefinitionBuilder response) {
    wireMock.stubFor(post(urlEqualTo("/v1" + path)).willReturn(response));
  }

  void stub(MappingBuilder mapping) {
    wireMock.stubFor(mapping);
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder sse(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
  }

  /** A plain openai-java client: the behaviour a traced client must reproduce. */
  OpenAIClient plainClient(int maxRetries) {
    return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(API_KEY).maxRetries(maxRetries)
        .timeout(TIMEOUT).sleeper(sleeper()).build();
  }

  OpenAIClientAsync plainAsyncClient(int maxRetries) {
    return OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl()).apiKey(API_KEY).maxRetries(maxRetries)
        .timeout(TIMEOUT).sleeper(sleeper()).build();
  }

  /** A plain client, wrapped: spans but no per-attempt layer. */
  OpenAIClient wrappedClient(int maxRetries) {
    return TracedOpenAI.wrap(plainClient(maxRetries), aiTrace);
  }

  /** A client from the builder: spans and the per-attempt layer. */
  TracedOpenAIBuilder tracedBuilder(int maxRetries) {
    return TracedOpenAI.builder(aiTrace)
        .fromConfig(Map.of("OPENAI_API_KEY", API_KEY, "OPENAI_BASE_URL", baseUrl())::get)
        .maxRetries(maxRetries)
        .timeout(TIMEOUT)
        .clientOptions(options -> options.sleeper(sleeper()));
  }

  OpenAIClient tracedClient(int maxRetries) {
    return tracedBuilder(maxRetries).build();
  }

  /** The spans ended so far. */
  List<SpanRecord> finishedSpans() {
    aiTrace.flush();
    return spans.getFinishedSpans();
  }

  /** The one span ended so far; fails if there is not exactly one. */
  SpanRecord onlySpan() {
    List<SpanRecord> all = finishedSpans();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one span, got " + all);
    }
    return all.get(0);
  }

  List<LoggedRequest> requests() {
    return wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  private Sleeper sleeper() {
    return new Sleeper() {
      @Override
      public void sleep(Duration duration) {
        sleeps.add(duration);
      }

      @Override
      public CompletableFuture<Void> sleepAsync(Duration duration) {
        sleeps.add(duration);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    aiTrace.close();
    wireMock.stop();
  }
}
