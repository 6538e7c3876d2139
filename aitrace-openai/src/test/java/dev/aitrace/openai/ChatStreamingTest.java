package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.openai.client.OpenAIClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatStreamingTest {
  private final OpenAiServer server = new OpenAiServer();

  static final ChatCompletionCreateParams PARAMS =
      ChatCompletionCreateParams.builder().model(ChatModel.O4_MINI).addUserMessage("Say hello").maxTokens(1000).build();

  @AfterEach
  void close() {
    server.close();
  }

  /** Serves what OpenAI serves: the usage chunk only when the request asks for it. */
  private void stubStream(String withUsage, String withoutUsage) {
    server.stub(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
        .willReturn(OpenAiServer.sse(withUsage)));
    server.stub(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(OpenAiServer.sse(withoutUsage)));
  }

  private static List<ChatCompletionChunk> readAll(OpenAIClient client, ChatCompletionCreateParams params) {
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      return stream.stream().collect(Collectors.toList());
    }
  }

  @Test
  void stream_callerSeesWhatAPlainClientSees_whileTheSpanHasExactTokensAndCost() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    List<ChatCompletionChunk> expected = readAll(server.plainClient(0), PARAMS);
    List<ChatCompletionChunk> actual = readAll(server.tracedClient(0), PARAMS);

    assertThat(actual).hasSize(4).isEqualTo(expected);
    assertThat(actual).allSatisfy(chunk -> assertThat(chunk._usage().isMissing()).isTrue());
    server.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    SpanRecord span = server.onlySpan();
    var a = span.attributes();
    assertThat(span.name()).isEqualTo("chat o4-mini");
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(a.get(GenAiAttributes.REQUEST_STREAM)).isTrue();
    assertThat(a.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(1000L);
    assertThat(a.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("chatcmpl-C1stream");
    assertThat(a.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("o4-mini-2025-04-16");
    assertThat(a.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(a.get(GenAiAttributes.OPENAI_SYSTEM_FINGERPRINT)).isEqualTo("fp_o4");
    assertThat(a.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(120L);
    assertThat(a.get(GenAiAttributes.USAGE_CACHED_INPUT_TOKENS)).isEqualTo(100L);
    assertThat(a.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
    assertThat(a.get(GenAiAttributes.USAGE_REASONING_TOKENS)).isEqualTo(256L);
    // o4-mini: 20 x $1.10 + 100 cached x $0.275 + 300 x $4.40 per million tokens
    assertThat(a.get(GenAiAttributes.COST_USD)).isEqualTo(0.0013695);
    Double ttfc = a.get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK);
    assertThat(ttfc).isPositive();
    assertThat(ttfc * 1e9).isLessThanOrEqualTo(span.endEpochNanos() - span.startEpochNanos());
  }

  @Test
  void callerWhoAskedForUsage_seesTheUsageChunk() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    ChatCompletionCreateParams withUsage =
        PARAMS.toBuilder().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    List<ChatCompletionChunk> expected = readAll(server.plainClient(0), withUsage);
    List<ChatCompletionChunk> actual = readAll(server.tracedClient(0), withUsage);

    assertThat(actual).hasSize(5).isEqualTo(expected);
    assertThat(actual.get(4).usage().orElseThrow().completionTokens()).isEqualTo(300L);
    assertThat(server.onlySpan().attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.0013695);
  }

  @Test
  void streamCutBeforeDone_endsTheSpanWithAnError_andKeepsWhatArrived() {
    String cut = String.join("", Wire.contentChunks(true).subList(0, 3));
    stubStream(cut, String.join("", Wire.contentChunks(false).subList(0, 3)));
    List<ChatCompletionChunk> expected = readAll(server.plainClient(0), PARAMS);
    List<ChatCompletionChunk> actual = readAll(server.tracedClient(0), PARAMS);

    assertThat(actual).hasSize(3).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(StreamObserver.INCOMPLETE_STREAM);
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_ID)).isEqualTo("chatcmpl-C1stream");
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isNull();
    assertThat(span.attributes().get(GenAiAttributes.COST_KNOWN)).isFalse();
  }

  @Test
  void streamBrokenByTheServer_throwsWhatAPlainClientThrows_andEndsTheSpanOnce() {
    server.stub("/chat/completions", OpenAiServer.sse("").withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    Throwable expected = catchThrowable(() -> readAll(server.plainClient(0), PARAMS));
    Throwable actual = catchThrowable(() -> readAll(server.tracedClient(0), PARAMS));

    assertThat(actual).isNotNull().hasSameClassAs(expected).hasMessage(expected.getMessage());
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(actual.getClass().getName());
  }

  @Test
  void streamClosedEarly_endsTheSpanOnce_withoutAnError() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    try (StreamResponse<ChatCompletionChunk> stream = server.tracedClient(0).chat().completions().createStreaming(PARAMS)) {
      Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
      chunks.next();
      assertThat(chunks.next().choices().get(0).delta().content()).contains("Hello");
      assertThat(server.finishedSpans()).isEmpty();
    }
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS)).isNull();
  }

  @Test
  void closingTheJavaStreamEarly_endsTheSpanToo() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    StreamResponse<ChatCompletionChunk> response = server.tracedClient(0).chat().completions().createStreaming(PARAMS);
    try (java.util.stream.Stream<ChatCompletionChunk> chunks = response.stream()) {
      assertThat(chunks.findFirst()).isPresent();
    }
    assertThat(server.onlySpan().statusCode()).isEqualTo(StatusCode.UNSET);
    response.close();
    assertThat(server.finishedSpans()).hasSize(1);
  }

  @Test
  void streamNeverIterated_endsTheSpanOnClose() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    StreamResponse<ChatCompletionChunk> stream = server.tracedClient(0).chat().completions().createStreaming(PARAMS);
    assertThat(server.finishedSpans()).isEmpty();
    stream.close();
    stream.close();
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isNull();
  }

  @Test
  void rawStream_isTraced() {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    try (var raw = server.tracedClient(0).chat().completions().withRawResponse().createStreaming(PARAMS)) {
      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(raw.parse().stream().count()).isEqualTo(4);
    }
    assertThat(server.onlySpan().attributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
  }

  @Test
  void asyncStream_deliversWhatAPlainClientDelivers_andEndsTheSpan() throws Exception {
    stubStream(Wire.streamWithUsage(), Wire.streamWithoutUsage());
    List<ChatCompletionChunk> expected = collect(server.plainAsyncClient(0).chat().completions().createStreaming(PARAMS));
    List<ChatCompletionChunk> actual =
        collect(server.tracedBuilder(0).buildAsync().chat().completions().createStreaming(PARAMS));

    assertThat(actual).hasSize(4).isEqualTo(expected);
    SpanRecord span = server.onlySpan();
    assertThat(span.attributes().get(GenAiAttributes.USAGE_REASONING_TOKENS)).isEqualTo(256L);
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.0013695);
  }

  @Test
  void aFaultInsideRecording_neverReachesTheStreamsReader() {
    try (OpenAiServer faulty = new OpenAiServer(b -> b.costCalculator((model, usage) -> {
      throw new IllegalStateException("price table broken");
    }))) {
      faulty.stub(post(urlEqualTo("/v1/chat/completions")).willReturn(OpenAiServer.sse(Wire.streamWithUsage())));
      List<ChatCompletionChunk> chunks = readAll(faulty.tracedClient(0), PARAMS);

      assertThat(chunks).hasSize(4);
      SpanRecord span = faulty.onlySpan();
      assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(span.attributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
      assertThat(span.attributes().get(GenAiAttributes.COST_KNOWN)).isFalse();
    }
  }

  private static List<ChatCompletionChunk> collect(AsyncStreamResponse<ChatCompletionChunk> stream) throws Exception {
    List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();
    stream.subscribe(chunks::add);
    stream.onCompleteFuture().get();
    return chunks;
  }
}
