package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentCaptureTest {
  private final OpenAiServer server = new OpenAiServer();

  @AfterEach
  void close() {
    server.close();
  }

  private SpanRecord chat(TracedOpenAIBuilder builder) {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
    builder.build().chat().completions().create(ChatCompletionsTest.PARAMS);
    return server.onlySpan();
  }

  @Test
  void offByDefault() {
    SpanRecord span = chat(server.tracedBuilder(0));
    assertThat(span.attributes().get(GenAiAttributes.INPUT_MESSAGES)).isNull();
    assertThat(span.attributes().get(GenAiAttributes.OUTPUT_MESSAGES)).isNull();
  }

  @Test
  void optIn_recordsMessagesInTheSemanticConventionsShape() {
    SpanRecord span = chat(server.tracedBuilder(0).captureContent(true));
    assertThat(span.attributes().get(GenAiAttributes.INPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Answer in one word.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Capital of France?\"}]}]");
    assertThat(span.attributes().get(GenAiAttributes.OUTPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Paris.\"}],\"finish_reason\":\"stop\"}]");
  }

  @Test
  void environmentSwitchesItOn_andTheRedactorAndLengthCapApply() {
    TracedOpenAIBuilder builder = TracedOpenAI.builder(server.aiTrace)
        .fromConfig(Map.of("OPENAI_API_KEY", OpenAiServer.API_KEY, "OPENAI_BASE_URL", server.baseUrl(),
            "AITRACE_CAPTURE_CONTENT", "true")::get)
        .maxRetries(0)
        .timeout(OpenAiServer.TIMEOUT)
        .redactor(text -> text.replace("France", "<country>"))
        .maxContentLength(35); // 19 characters of system text leave 16 for the (redacted) user text
    SpanRecord span = chat(builder);
    assertThat(span.attributes().get(GenAiAttributes.INPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Answer in one word.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Capital of <coun"
            + ContentCapture.TRUNCATED + "\"}]}]");
  }

  @Test
  void aFailingRedactor_leavesTheTextOut() {
    SpanRecord span = chat(server.tracedBuilder(0).captureContent(true).redactor(text -> {
      throw new IllegalStateException("redactor down");
    }));
    assertThat(span.attributes().get(GenAiAttributes.INPUT_MESSAGES)).doesNotContain("France")
        .contains("[redaction failed]");
  }

  @Test
  void streamedOutput_isAssembledFromTheChunks() {
    server.stub(post(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
        .willReturn(OpenAiServer.sse(Wire.streamWithUsage())));
    try (StreamResponse<ChatCompletionChunk> stream = server.tracedBuilder(0).captureContent(true).build()
        .chat().completions().createStreaming(ChatStreamingTest.PARAMS)) {
      assertThat(stream.stream().count()).isEqualTo(4);
    }
    assertThat(server.onlySpan().attributes().get(GenAiAttributes.OUTPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello world\"}],\"finish_reason\":\"stop\"}]");
  }

  @Test
  void builderFailsFast_namingTheBadValue() {
    TracedOpenAIBuilder builder = TracedOpenAI.builder(server.aiTrace);
    assertThatThrownBy(() -> builder.maxRetries(-1)).hasMessageContaining("maxRetries").hasMessageContaining("-1");
    assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> builder.baseUrl("not a url")).hasMessageContaining("'not a url'");
    assertThatThrownBy(() -> builder.maxContentLength(0)).hasMessageContaining("maxContentLength");
    assertThatThrownBy(() -> TracedOpenAI.builder(server.aiTrace).fromConfig(Map.<String, String>of()::get).build())
        .hasMessageContaining("apiKey");
    assertThatThrownBy(() -> TracedOpenAI.builder(server.aiTrace)
        .fromConfig(Map.of("AITRACE_CAPTURE_CONTENT", "yes")::get).wrap(server.plainClient(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AITRACE_CAPTURE_CONTENT")
        .hasMessageContaining("'yes'");
  }
}
