package dev.aitrace.examples.fakeopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's wire formats, read by the real openai-java client. */
class FakeOpenAiServerTest {
  private static final String RECRUITER = "You are the Recruiter of a consulting agency. Propose the smallest team"
      + " that can deliver the client's brief, one line per role, and estimate the effort in agent-hours."
      + " Prefer specialists who have delivered similar work before; keep the list short and concrete.";

  private FakeOpenAiServer fake;
  private OpenAIClient client;

  private void start(FakeOpenAiServer.Builder settings, int maxRetries) {
    fake = settings.build().start();
    client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-test").maxRetries(maxRetries).build();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  private static ChatCompletionCreateParams.Builder recruiterCall(String model) {
    return ChatCompletionCreateParams.builder().model(model)
        .addSystemMessage(RECRUITER).addUserMessage("Brief: write a market analysis for ACME.");
  }

  @Test
  void chatCompletion_parsesWithUsageAndDatedModel() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);

    HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(recruiterCall("gpt-4o-mini").build());
    ChatCompletion completion = raw.parse();

    assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(content).startsWith("Proposed team for write a market analysis for ACME:");
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(3 + 4 + TokenCounter.tokens(RECRUITER) + 4
        + TokenCounter.tokens("Brief: write a market analysis for ACME."));
    assertThat(usage.completionTokens()).isEqualTo(TokenCounter.tokens(content));
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(raw.headers().values("x-request-id")).singleElement().asString().startsWith("req_");
    assertThat(raw.headers().values("x-ratelimit-limit-requests")).containsExactly("10000");
    assertThat(raw.headers().values("x-ratelimit-remaining-tokens")).hasSize(1);
  }

  @Test
  void repeatedSystemPrompt_isPartlyCached() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);

    CompletionUsage first = client.chat().completions().create(recruiterCall("gpt-4o-mini").build()).usage().orElseThrow();
    CompletionUsage second = client.chat().completions().create(recruiterCall("gpt-4o-mini").build()).usage().orElseThrow();

    assertThat(first.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
    long cached = second.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
    assertThat(cached).isPositive().isLessThanOrEqualTo(second.promptTokens());
    assertThat(cached % TokenCounter.CACHE_BLOCK).isZero();
  }

  @Test
  void oSeriesModel_spendsReasoningTokensInsideCompletionTokens() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);

    ChatCompletion completion = client.chat().completions().create(recruiterCall("o4-mini").build());

    CompletionUsage usage = completion.usage().orElseThrow();
    long reasoning = usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(reasoning).isPositive();
    assertThat(usage.completionTokens()).isEqualTo(reasoning + TokenCounter.tokens(content));
    assertThat(completion.model()).isEqualTo("o4-mini-2025-04-16");
  }

  @Test
  void stream_deliversSameTextInChunksThenUsage() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);
    String unstreamed = client.chat().completions().create(recruiterCall("gpt-4o-mini").build())
        .choices().get(0).message().content().orElseThrow();

    StringBuilder text = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionCreateParams streamed = recruiterCall("gpt-4o-mini")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
      stream.stream().forEach(chunk -> {
        chunks.add(chunk);
        chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
      });
    }

    assertThat(text.toString()).isEqualTo(unstreamed);
    assertThat(chunks.size()).isGreaterThan(5);
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason())
        .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(TokenCounter.tokens(unstreamed));
    assertThat(chunks.get(0).usage()).isEmpty();
  }

  @Test
  void contentSpecialistOfferedATool_callsItFirst() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);
    ChatCompletionFunctionTool search = ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder().name("web_search").parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("query", Map.of("type", "string"))))
            .build()).build())
        .build();

    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addSystemMessage("You are the Content Specialist.")
        .addUserMessage("Brief: write a market analysis for ACME").addTool(search).build());

    var choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    var call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("web_search");
    assertThat(call.function().arguments()).isEqualTo(
        "{\"query\":\"write a market analysis for ACME market size competitors 2026\"}");
  }

  @Test
  void everyNthRequest_isThrottledAndTheClientRetries() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(2), 2);

    client.chat().completions().create(recruiterCall("gpt-4o-mini").build());
    ChatCompletion retried = client.chat().completions().create(recruiterCall("gpt-4o-mini").build());

    assertThat(retried.choices()).hasSize(1);
    assertThat(fake.requestCount()).isEqualTo(3);
  }

  @Test
  void throttledRequest_without_retries_surfacesRateLimitWithRetryAfter() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(2), 0);
    client.chat().completions().create(recruiterCall("gpt-4o-mini").build());

    assertThatThrownBy(() -> client.chat().completions().create(recruiterCall("gpt-4o-mini").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.code()).contains("rate_limit_exceeded");
          assertThat(e.headers().values("retry-after-ms")).containsExactly("1");
        });
  }

  @Test
  void embeddings_floatAndBase64_decodeToTheSameUnitVector() {
    start(FakeOpenAiServer.builder().noLatency().throttleEvery(0), 0);

    CreateEmbeddingResponse asFloats = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").input("ACME market").dimensions(256)
        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
    CreateEmbeddingResponse asBase64 = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").input("ACME market").dimensions(256)
        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());

    List<Float> vector = asFloats.data().get(0).embedding();
    assertThat(vector).hasSize(256).isEqualTo(asBase64.data().get(0).embedding());
    double norm = vector.stream().mapToDouble(f -> f * f).sum();
    assertThat(norm).isBetween(0.999, 1.001);
    assertThat(asFloats.usage().promptTokens()).isEqualTo(TokenCounter.tokens("ACME market"));
  }
}
