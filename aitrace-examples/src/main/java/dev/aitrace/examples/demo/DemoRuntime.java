package dev.aitrace.examples.demo;

import com.openai.client.OpenAIClient;
import dev.aitrace.AiTrace;
import dev.aitrace.AiTraceBuilder;
import dev.aitrace.Attribution;
import dev.aitrace.alert.Alert;
import dev.aitrace.alert.AlertListener;
import dev.aitrace.alert.InMemoryAlertListener;
import dev.aitrace.examples.fakeopenai.FakeOpenAiServer;
import dev.aitrace.guard.GuardAction;
import dev.aitrace.guard.LoopGuardConfig;
import dev.aitrace.http.TracingInterceptor;
import dev.aitrace.openai.TracedOpenAI;
import dev.aitrace.openai.TracedOpenAIBuilder;
import dev.aitrace.servlet.TraceFilter;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Everything the demo runs, wired together: aitrace, the OpenAI endpoint (the embedded fake unless
 * an API key is set), the traced OpenAI and HTTP clients, the agents, and the agency's HTTP server.
 * {@link #send} plays a client: it posts a brief to the agency under the client's attribution.
 */
final class DemoRuntime implements AutoCloseable {
  /**
   * The runaway-loop guard, blocking: a manager may delegate to sub-managers three levels deep, a
   * request may make 40 AI calls, and the same request may be sent 3 times in one trace.
   */
  static final LoopGuardConfig LOOP_GUARD = LoopGuardConfig.builder()
      .maxAgentDepth(4).maxCallsPerTrace(40).maxRepeatedRequests(3).action(GuardAction.BLOCK).build();
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final AiTrace aiTrace;
  private final FakeOpenAiServer fake;
  private final OpenAIClient openAi;
  private final OkHttpClient http;
  private final QualityScores scores;
  private final InMemoryAlertListener alerts = InMemoryAlertListener.create(100);
  private final AgencyServer server;

  private DemoRuntime(DemoSettings settings, AiTraceBuilder tracing, Consumer<Outcome> listener) throws Exception {
    // bind first: a port in use is the likeliest failure, and nothing else has started yet
    server = AgencyServer.bind(settings.host(), settings.serve() ? settings.port() : 0);
    aiTrace = tracing.loopGuard(LOOP_GUARD).addAlertListener(alerts).addAlertListener(AlertListener.log()).build();
    scores = new QualityScores(aiTrace.scores());
    if (settings.useFake()) {
      FakeOpenAiServer.Builder fakeSettings = FakeOpenAiServer.builder();
      fake = (settings.fastFake() ? fakeSettings.noLatency() : fakeSettings).build().start();
    } else {
      fake = null;
    }
    TracedOpenAIBuilder client = TracedOpenAI.builder(aiTrace)
        .apiKey(settings.useFake() ? "sk-embedded-fake" : settings.apiKey())
        .maxRetries(2)
        .timeout(Duration.ofSeconds(60));
    if (fake != null) {
      client.baseUrl(fake.baseUrl());
    } else if (settings.openAiBaseUrl() != null) {
      client.baseUrl(settings.openAiBaseUrl());
    }
    openAi = client.build();
    http = new OkHttpClient.Builder()
        .addInterceptor(TracingInterceptor.create(aiTrace))
        .callTimeout(Duration.ofMinutes(2))
        .readTimeout(Duration.ofMinutes(2))
        .build();
    // On the embedded fake the QA agent reviews with a reasoning model, so reasoning tokens show;
    // on the real API every agent uses the one cheap model.
    String reviewModel = settings.useFake() ? "o4-mini" : settings.chatModel();
    Llm llm = new Llm(openAi, settings.chatModel(), reviewModel, settings.embeddingModel());
    QaAgent qa = new QaAgent(aiTrace.agents(), llm, scores);
    Manager manager = new Manager(aiTrace.agents(), llm, new Recruiter(aiTrace.agents(), llm),
        new ContentSpecialist(aiTrace.agents(), llm, new ResearchTool(llm)), new QaClient(http, server.baseUrl()));
    server.start(TraceFilter.create(aiTrace), manager, qa, listener);
  }

  static DemoRuntime start(DemoSettings settings, AiTraceBuilder tracing) throws Exception {
    return new DemoRuntime(settings, tracing, outcome -> {});
  }

  /** Starts with {@code listener} hearing of every request served that {@link #send} did not make. */
  static DemoRuntime start(DemoSettings settings, AiTraceBuilder tracing, Consumer<Outcome> listener)
      throws Exception {
    return new DemoRuntime(settings, tracing, listener);
  }

  /** What the agency answered a client. */
  record Outcome(ClientRequest request, int status, String traceId, String body) {}

  /** Posts {@code request}'s brief to the agency as its user, over the traced HTTP client. */
  Outcome send(ClientRequest request) {
    Attribution who = Attribution.builder().userId(request.user()).budgetCategory(request.budgetCategory()).build();
    String url = server.baseUrl() + AgencyServlet.PATH + "?user=" + encode(request.user())
        + "&category=" + encode(request.budgetCategory());
    Request post = new Request.Builder().url(url).header(AgencyServlet.BACKGROUND_HEADER, "script")
        .post(RequestBody.create(request.brief(), TEXT)).build();
    try (Scope ignored = who.makeCurrent(); Response response = http.newCall(post).execute()) {
      String traceId = response.header("X-Trace-ID", "");
      return new Outcome(request, response.code(), traceId, response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException("the agency did not answer " + url + ": " + e.getMessage(), e);
    }
  }

  AiTrace aiTrace() {
    return aiTrace;
  }

  /** The alerts raised so far (the latest 100), such as the loop guard's. */
  List<Alert> alerts() {
    return alerts.alerts();
  }

  QualityScores scores() {
    return scores;
  }

  String agencyUrl() {
    return server.baseUrl();
  }

  /** Where the OpenAI calls go. */
  String openAiEndpoint(DemoSettings settings) {
    if (fake != null) {
      return fake.baseUrl() + " (embedded fake OpenAI server)";
    }
    return settings.openAiBaseUrl() != null ? settings.openAiBaseUrl() : "https://api.openai.com/v1";
  }

  AgencyServer server() {
    return server;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      openAi.close();
      aiTrace.close();
      if (fake != null) {
        fake.close();
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
