package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asynchronous views, failures through futures, double wrapping and dropped streams. */
class AsyncAndLifecycleTest {
  private final OpenAiServer server = new OpenAiServer();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void asyncRawCreate_endsWhenTheBodyIsParsed() throws Exception {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION).withHeader("x-request-id", "req_a"));
    OpenAIClientAsync traced = server.tracedBuilder(0).buildAsync();

    var raw = traced.withRawResponse().chat().completions().create(ChatCompletionsTest.PARAMS).get();
    assertThat(raw.requestId()).contains("req_a");
    assertThat(raw.parse().usage().orElseThrow().promptTokens()).isEqualTo(1000L);

    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.OPENAI_REQUEST_ID)).isEqualTo("req_a");
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.007);
  }

  @Test
  void asyncFailure_failsTheFutureAsAPlainClientDoes() {
    server.stub("/chat/completions", aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"down\"}}"));
    Throwable expected = catchThrowable(() -> server.plainAsyncClient(1).chat().completions()
        .create(ChatCompletionsTest.PARAMS).get());
    Throwable actual = catchThrowable(() -> server.tracedBuilder(1).buildAsync().chat().completions()
        .create(ChatCompletionsTest.PARAMS).get());

    assertThat(actual).isInstanceOf(ExecutionException.class);
    assertThat(actual.getCause()).hasSameClassAs(expected.getCause()).hasMessage(expected.getCause().getMessage());
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(actual.getCause().getClass().getName());
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isEqualTo(1L);
  }

  @Test
  void asyncResponsesStream_deliversEveryEvent_andRecordsTheUsage() throws Exception {
    server.stub("/responses", OpenAiServer.sse(Wire.responseStream(true)));
    AsyncStreamResponse<ResponseStreamEvent> stream =
        server.tracedBuilder(0).buildAsync().responses().createStreaming(OtherApisTest.RESPONSE_PARAMS);
    List<ResponseStreamEvent> events = new CopyOnWriteArrayList<>();
    stream.subscribe(events::add);
    stream.onCompleteFuture().get();

    assertThat(events).hasSize(4);
    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.0049);
  }

  @Test
  void wrappingTwice_recordsEachCallOnce() {
    server.stub("/chat/completions", OpenAiServer.json(Wire.CHAT_COMPLETION));
    OpenAIClient twice = TracedOpenAI.wrap(server.tracedClient(0), server.aiTrace);
    twice.chat().completions().create(ChatCompletionsTest.PARAMS);
    assertThat(server.finishedSpans()).hasSize(1);
  }

  @Test
  void streamDroppedWithoutClose_isEndedOnceItIsCollected() throws Exception {
    server.stub("/chat/completions", OpenAiServer.sse(Wire.streamWithUsage()));
    openAndDrop(server.tracedClient(0));
    for (int i = 0; i < 200 && server.finishedSpans().isEmpty(); i++) {
      System.gc();
      Thread.sleep(10);
    }
    SpanRecord span = server.onlySpan();
    assertThat(span.name()).isEqualTo("chat o4-mini");
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
  }

  private static void openAndDrop(OpenAIClient client) {
    client.chat().completions().createStreaming(ChatStreamingTest.PARAMS);
  }
}
