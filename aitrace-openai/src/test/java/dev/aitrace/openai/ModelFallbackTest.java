package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelFallbackTest {
  private final OpenAiServer server = new OpenAiServer();
  private final ModelFallback fallback = ModelFallback.of(server.aiTrace, "gpt-4o", "gpt-4o-mini");

  @AfterEach
  void close() {
    server.close();
  }

  private void answer(String model, ResponseDefinitionBuilder response) {
    server.stub(post(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.model", equalTo(model))).willReturn(response));
  }

  private ChatCompletion ask(OpenAIClient client) {
    return fallback.call(model ->
        client.chat().completions().create(ChatCompletionsTest.PARAMS.toBuilder().model(model).build()));
  }

  @Test
  void serverErrorOnTheFirstModel_fallsBackToTheNext_withAttemptsAsChildSpans() {
    answer("gpt-4o", aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"));
    answer("gpt-4o-mini", OpenAiServer.json(Wire.CHAT_COMPLETION.replace("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18")));

    ChatCompletion reply = ask(server.tracedClient(0));

    assertThat(reply.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    List<SpanRecord> spans = server.finishedSpans();
    assertThat(spans).extracting(SpanRecord::name).containsExactly("chat gpt-4o", "chat gpt-4o-mini", "fallback gpt-4o");
    SpanRecord parent = spans.get(2);
    assertThat(spans.get(0).parentSpanId()).isEqualTo(parent.spanId());
    assertThat(spans.get(1).parentSpanId()).isEqualTo(parent.spanId());
    assertThat(spans.get(0).statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(1).statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(parent.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(parent.attributes().get(GenAiAttributes.FALLBACK_MODELS)).containsExactly("gpt-4o", "gpt-4o-mini");
    assertThat(parent.attributes().get(GenAiAttributes.FALLBACK_ATTEMPTS)).isEqualTo(2L);
    assertThat(parent.attributes().get(GenAiAttributes.FALLBACK_SELECTED_MODEL)).isEqualTo("gpt-4o-mini");
    // gpt-4o-mini: 600 x $0.15 + 400 cached x $0.075 + 500 x $0.60 per million tokens
    assertThat(spans.get(1).attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.00042);
  }

  @Test
  void badRequest_isNotWorthAnotherModel_andIsThrownAtOnce() {
    answer("gpt-4o", aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"bad messages\"}}"));

    assertThatThrownBy(() -> ask(server.tracedClient(0))).isInstanceOf(BadRequestException.class);

    List<SpanRecord> spans = server.finishedSpans();
    assertThat(spans).hasSize(2);
    assertThat(spans.get(1).attributes().get(GenAiAttributes.FALLBACK_ATTEMPTS)).isEqualTo(1L);
    assertThat(spans.get(1).attributes().get(GenAiAttributes.FALLBACK_SELECTED_MODEL)).isNull();
    assertThat(spans.get(1).statusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void everyModelFailing_throwsTheLastFailureUnchanged() {
    answer("gpt-4o", aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"));
    answer("gpt-4o-mini", aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"mini down\"}}"));

    assertThatThrownBy(() -> ask(server.tracedClient(0))).isInstanceOf(InternalServerException.class)
        .hasMessageContaining("mini down");

    SpanRecord parent = server.finishedSpans().get(2);
    assertThat(parent.attributes().get(GenAiAttributes.FALLBACK_ATTEMPTS)).isEqualTo(2L);
    assertThat(parent.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(InternalServerException.class.getName());
  }

  @Test
  void builderRejectsAnEmptyList() {
    assertThatThrownBy(() -> ModelFallback.of(server.aiTrace)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models");
  }
}
