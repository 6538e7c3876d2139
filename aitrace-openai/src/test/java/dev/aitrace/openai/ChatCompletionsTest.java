package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.guard.LoopDetectedException;
import dev.aitrace.guard.LoopLimit;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {
  private final OpenAiServer server = new OpenAiServer();

  static final ChatCompletionCreateParams PARAMS =
      ChatCompletionCreateParams.builder()
          .model(ChatModel.GPT_4O)
          .addSystemMessage("Answer in one word.")
          .addUserMessage("Capital of France?")
          .temperature(0.2)
          .maxCompletionTokens(512)
          .topP(0.9)
          .seed(42)
          .n(1)
          .build();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void create_recordsRequestResponseTokensAndExactCost() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION)
        .withHeader("x-request-id", "req_7f3a")
        .withHeader("x-ratelimit-limit-requests", "10000")
        .withHeader("x-ratelimit-remaining-requests", "9999")
        .withHeader("x-ratelimit-limit-tokens", "30000000")
        .withHeader("x-ratelimit-remaining-tokens", "29998500")
        .withHeader("x-ratelimit-reset-requests", "6ms")
        .withHeader("x-ratelimit-reset-tokens", "3ms"));
    OpenAIClient plain = server.plainClient(0);
    OpenAIClient traced = server.tracedClient(0);

    ChatCompletion expected = plain.chat().completions().create(PARAMS);
    server.finishedSpans(); // the plain client records nothing
    ChatCompletion actual = traced.chat().completions().create(PARAMS);

    assertThat(actual).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    assertThat(span.name()).isEqualTo("chat gpt-4o");
    assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    var a = span.attributes();
    assertThat(a.get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(a.get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");
    assertThat(a.get(GenAiAttributes.REQUEST_TEMPERATURE)).isEqualTo(0.2);
    assertThat(a.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(512L);
    assertThat(a.get(GenAiAttributes.REQUEST_TOP_P)).isEqualTo(0.9);
    assertThat(a.get(GenAiAttributes.REQUEST_SEED)).isEqualTo(42L);
    assertThat(a.get(GenAiAttributes.REQUEST_CHOICE_COUNT)).isEqualTo(1L);
    assertThat(a.get(GenAiAttributes.REQUEST_STREAM)).isFalse();
    assertThat(a.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(a.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(a.get(GenAiAttributes.OPENAI_SERVICE_TIER)).isEqualTo("default");
    assertThat(a.get(GenAiAttributes.OPENAI_SYSTEM_FINGERPRINT)).isEqualTo("fp_f9f4fb6dbf");
    assertThat(a.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(a.get(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).isEqualTo(400L);
    assertThat(a.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(500L);
    assertThat(a.get(GenAiAttributes.USAGE_REASONING_TOKENS)).isEqualTo(200L);
    // gpt-4o: 600 x $2.50 + 400 cached x $1.25 + 500 x $10.00 per million tokens
    assertThat(a.get(GenAiAttributes.COST_KNOWN)).isTrue();
    assertThat(a.get(GenAiAttributes.COST_USD)).isEqualTo(0.007);
    assertThat(a.get(GenAiAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(GenAiAttributes.SERVER_PORT)).isEqualTo((long) server.wireMock.port());
    assertThat(a.get(GenAiAttributes.OPENAI_REQUEST_ID)).isEqualTo("req_7f3a");
    assertThat(a.get(GenAiAttributes.RATELIMIT_LIMIT_REQUESTS)).isEqualTo(10000L);
    assertThat(a.get(GenAiAttributes.RATELIMIT_REMAINING_REQUESTS)).isEqualTo(9999L);
    assertThat(a.get(GenAiAttributes.RATELIMIT_LIMIT_TOKENS)).isEqualTo(30000000L);
    assertThat(a.get(GenAiAttributes.RATELIMIT_REMAINING_TOKENS)).isEqualTo(29998500L);
    assertThat(a.get(GenAiAttributes.RATELIMIT_RESET_REQUESTS)).isEqualTo("6ms");
    assertThat(a.get(GenAiAttributes.RATELIMIT_RESET_TOKENS)).isEqualTo("3ms");
    assertThat(a.get(GenAiAttributes.RETRY_COUNT)).isZero();
    assertThat(a.get(GenAiAttributes.INPUT_MESSAGES)).isNull();
    assertThat(a.asMap().toString()).doesNotContain(OpenAiServer.API_KEY).doesNotContain("Capital of France");
  }

  @Test
  void theAiSpanIsTheParentTheServerSees_andAttributionIsCopied() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
    OpenAIClient traced = server.tracedClient(0);
    try (Scope ignored = Attribution.builder().userId("u-42").taskId("t-7").budgetCategory("consulting").build()
        .makeCurrent();
        Scope baggage = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
      server.aiTrace.agents().invokeAgent("researcher", () -> traced.chat().completions().create(PARAMS));
    }
    List<SpanRecord> spans = server.finishedSpans();
    SpanRecord ai = spans.get(0);
    SpanRecord agent = spans.get(1);
    assertThat(ai.parentSpanId()).isEqualTo(agent.spanId());
    assertThat(ai.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
    assertThat(ai.attributes().get(Attribution.AGENT_NAME)).isEqualTo("researcher");
    assertThat(ai.attributes().get(Attribution.BUDGET_CATEGORY)).isEqualTo("consulting");
    server.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("traceparent", matching("00-" + ai.traceId() + "-" + ai.spanId() + "-01"))
        .withHeader("X-Trace-ID", matching(ai.traceId()))
        .withHeader("baggage", containing("tenant=acme"))
        .withHeader("baggage", containing("aitrace.user.id=u-42")));
  }

  @Test
  void wrappedClient_tracesWithoutTheAttemptLayer_andPropagatesThroughTheRequest() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION).withHeader("x-request-id", "req_w"));
    ChatCompletion reply = server.wrappedClient(0).chat().completions().create(PARAMS);

    assertThat(reply.choices().get(0).message().content()).contains("Paris.");
    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(span.attributes().get(GenAiAttributes.OPENAI_REQUEST_ID)).isEqualTo("req_w");
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isNull(); // attempts are not visible
    server.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("traceparent", matching("00-" + span.traceId() + "-" + span.spanId() + "-01")));
  }

  @Test
  void rawResponseAndOptionsViews_stayTraced() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION).withHeader("x-request-id", "req_raw"));
    OpenAIClient traced = server.tracedClient(0);

    HttpResponseFor<ChatCompletion> raw =
        traced.withOptions(o -> o.putHeader("x-app", "demo")).withRawResponse().chat().completions().create(PARAMS);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.requestId()).contains("req_raw");
    assertThat(server.finishedSpans()).isEmpty(); // ends once the body is parsed
    assertThat(raw.parse().id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    raw.close();
    traced.chat().withOptions(o -> o.maxRetries(0)).completions().create(PARAMS);

    List<SpanRecord> spans = server.finishedSpans();
    assertThat(spans).hasSize(2).allSatisfy(span -> {
      assertThat(span.name()).isEqualTo("chat gpt-4o");
      assertThat(span.attributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(500L);
      assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isZero(); // the attempt layer stays in place
    });
    server.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("x-app", matching("demo")));
  }

  @Test
  void structuredCreate_isTraced_andReturnsTheTypedResult() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.STRUCTURED_COMPLETION));
    StructuredChatCompletion<City> reply =
        server.tracedClient(0).chat().completions()
            .create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O).addUserMessage("Capital of France?")
                .responseFormat(City.class).build());

    assertThat(reply.choices().get(0).message().content().orElseThrow().city).isEqualTo("Paris");
    SpanRecord span = server.onlySpan();
    assertThat(span.name()).isEqualTo("chat gpt-4o");
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.007);
  }

  @Test
  void asyncCreate_isTraced() throws Exception {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
    var traced = server.tracedBuilder(0).buildAsync();

    ChatCompletion reply = traced.chat().completions().create(PARAMS).get();
    var expected = server.plainAsyncClient(0).chat().completions().create(PARAMS).get();

    assertThat(reply).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).isEqualTo(400L);
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isZero();
    assertThat(traced.sync().chat().completions().create(PARAMS).id()).isEqualTo(reply.id());
    assertThat(server.finishedSpans()).hasSize(2);
  }

  @Test
  void blockedCall_sendsNothing_recordsTheBlock_andThrowsTheGuardsException() {
    LoopDetectedException loop = new LoopDetectedException(LoopLimit.CALLS_PER_TRACE, "0af7651916cd43dd8448eb211c80319c",
        "researcher", 51, 50);
    try (OpenAiServer blocking = new OpenAiServer(b -> b.callGuard((context, call) -> {
      throw loop;
    }))) {
      blocking.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
      assertThatThrownBy(() -> blocking.tracedClient(0).chat().completions().create(PARAMS)).isSameAs(loop)
          .isInstanceOf(AiTraceBlockedException.class);
      assertThat(blocking.requests()).isEmpty();
      SpanRecord span = blocking.onlySpan();
      assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.attributes().get(GenAiAttributes.BLOCKED_REASON)).isEqualTo(loop.getMessage());
      assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(LoopDetectedException.class.getName());
    }
  }

  @Test
  void aFaultInsideRecording_neverReachesTheCaller() {
    try (OpenAiServer faulty = new OpenAiServer(b -> b.costCalculator((model, usage) -> {
      throw new IllegalStateException("price table broken");
    }).callGuard((context, call) -> {
      throw new IllegalStateException("guard broken");
    }))) {
      faulty.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
      ChatCompletion reply = faulty.tracedClient(0).chat().completions().create(PARAMS);

      assertThat(reply.choices().get(0).message().content()).contains("Paris.");
      SpanRecord span = faulty.onlySpan();
      assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(span.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(1000L);
      assertThat(span.attributes().get(GenAiAttributes.COST_KNOWN)).isFalse();
    }
  }

  @Test
  void unknownModel_hasUnknownCost_neverZero() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION.replace("gpt-4o-2024-08-06", "my-finetune")));
    server.tracedClient(0).chat().completions().create(PARAMS.toBuilder().model("my-finetune").build());
    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.COST_KNOWN)).isFalse();
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isNull();
  }

  /** The structured output type. */
  static final class City {
    public String city;
  }
}
