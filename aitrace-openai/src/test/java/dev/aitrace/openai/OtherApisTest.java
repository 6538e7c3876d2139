package dev.aitrace.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.cost.ModelPrice;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Responses API, embeddings and legacy completions, and a service that is not traced. */
class OtherApisTest {
  private final OpenAiServer server =
      new OpenAiServer(b -> b.price("gpt-3.5-turbo-instruct", ModelPrice.of("1.50", "2.00")));

  static final ResponseCreateParams RESPONSE_PARAMS =
      ResponseCreateParams.builder().model(ChatModel.GPT_4_1).input("Say hello in French.").temperature(0.7)
          .maxOutputTokens(400).build();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void responsesCreate_recordsTokensAndExactCost() {
    server.stub("/responses", OpenAiServer.json(Wire.RESPONSE_BODY));
    Response expected = server.plainClient(0).responses().create(RESPONSE_PARAMS);
    Response actual = server.tracedClient(0).responses().create(RESPONSE_PARAMS);

    assertThat(actual).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    var a = span.attributes();
    assertThat(span.name()).isEqualTo("chat gpt-4.1");
    assertThat(a.get(GenAiAttributes.REQUEST_TEMPERATURE)).isEqualTo(0.7);
    assertThat(a.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(400L);
    assertThat(a.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("resp_67ccd2bed1ec8190");
    assertThat(a.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(a.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("completed");
    assertThat(a.get(GenAiAttributes.OPENAI_SERVICE_TIER)).isEqualTo("default");
    assertThat(a.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(2000L);
    assertThat(a.get(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(a.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
    assertThat(a.get(GenAiAttributes.USAGE_REASONING_TOKENS)).isEqualTo(100L);
    // gpt-4.1: 1000 x $2.00 + 1000 cached x $0.50 + 300 x $8.00 per million tokens
    assertThat(a.get(GenAiAttributes.COST_USD)).isEqualTo(0.0049);
  }

  @Test
  void responsesStream_recordsTimeToFirstChunkAndTheCompletedUsage() {
    server.stub("/responses", OpenAiServer.sse(Wire.responseStream(true)));
    List<ResponseStreamEvent> expected = read(server.plainClient(0));
    List<ResponseStreamEvent> actual = read(server.tracedClient(0));

    assertThat(actual).hasSize(4).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get(GenAiAttributes.REQUEST_STREAM)).isTrue();
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.0049);
  }

  @Test
  void responsesStreamCutBeforeCompletion_isAnError() {
    server.stub("/responses", OpenAiServer.sse(Wire.responseStream(false)));
    assertThat(read(server.tracedClient(0))).hasSize(3);
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(StreamObserver.INCOMPLETE_STREAM);
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_ID)).isEqualTo("resp_67ccd2bed1ec8190");
  }

  @Test
  void embeddings_recordInputTokensAndExactCost() {
    server.stub("/embeddings", OpenAiServer.json(Wire.EMBEDDINGS));
    EmbeddingCreateParams params = EmbeddingCreateParams.builder().model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL)
        .input("The food was delicious").dimensions(2).build();
    CreateEmbeddingResponse reply = server.tracedClient(0).embeddings().create(params);

    assertThat(reply.data().get(0).embedding()).containsExactly(0.0023064255f, -0.009327292f);
    SpanRecord span = server.onlySpan();
    assertThat(span.name()).isEqualTo("embeddings text-embedding-3-small");
    assertThat(span.attributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("embeddings");
    assertThat(span.attributes().get(GenAiAttributes.EMBEDDINGS_DIMENSION_COUNT)).isEqualTo(2L);
    assertThat(span.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(50000L);
    // text-embedding-3-small: 50000 x $0.02 per million tokens
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.001);
  }

  @Test
  void legacyCompletions_areTraced() {
    server.stub("/completions", OpenAiServer.json(Wire.COMPLETION));
    Completion reply = server.tracedClient(0).completions().create(CompletionCreateParams.builder()
        .model(CompletionCreateParams.Model.GPT_3_5_TURBO_INSTRUCT).prompt("Say this is a test").maxTokens(7)
        .temperature(0.0).build());

    assertThat(reply.choices().get(0).text()).isEqualTo("This is indeed a test");
    SpanRecord span = server.onlySpan();
    assertThat(span.name()).isEqualTo("text_completion gpt-3.5-turbo-instruct");
    assertThat(span.attributes().get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(7L);
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("length");
    assertThat(span.attributes().get(GenAiAttributes.OPENAI_SYSTEM_FINGERPRINT)).isEqualTo("fp_44709d6fcb");
    // 5000 x $1.50 + 7000 x $2.00 per million tokens, from a price added in code
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.0215);
  }

  @Test
  void otherServices_passThroughUntraced() {
    server.wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models/gpt-4o")
        .willReturn(OpenAiServer.json("{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"}")));
    assertThat(server.tracedClient(0).models().retrieve("gpt-4o").ownedBy()).isEqualTo("system");
    assertThat(server.finishedSpans()).isEmpty();
  }

  private static List<ResponseStreamEvent> read(com.openai.client.OpenAIClient client) {
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(RESPONSE_PARAMS)) {
      return stream.stream().collect(Collectors.toList());
    }
  }
}
