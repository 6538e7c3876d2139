package dev.aitrace.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.export.EventRecord;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults on the wire, each against a real openai-java client: the traced client throws exactly what
 * the plain client throws, and exactly one span ends.
 */
class FaultsTest {
  private static final String CHAT = "/chat/completions";
  private final OpenAiServer server = new OpenAiServer();

  @AfterEach
  void close() {
    server.close();
  }

  private Throwable plainFailure(OpenAIClient client) {
    return catchThrowable(() -> client.chat().completions().create(ChatCompletionsTest.PARAMS));
  }

  private static void assertSameFailure(Throwable actual, Throwable expected) {
    assertThat(expected).isNotNull();
    assertThat(actual).hasSameClassAs(expected).hasMessage(expected.getMessage());
  }

  private SpanRecord failedSpan(Throwable thrown) {
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo(thrown.getClass().getName());
    assertThat(span.attributes().asMap().toString() + span.events()).doesNotContain(OpenAiServer.API_KEY);
    return span;
  }

  @Test
  void rateLimitedThenOk_countsTheRetry_andTheClientHonoursRetryAfter() {
    server.stub(post(urlEqualTo("/v1" + CHAT)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("retry-after", "2")
            .withHeader("x-ratelimit-remaining-requests", "0").withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"))
        .willSetStateTo("ok"));
    server.stub(post(urlEqualTo("/v1" + CHAT)).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(OpenAiServer.json(Wire.CHAT_COMPLETION).withHeader("x-ratelimit-remaining-requests", "9998")));

    ChatCompletion reply = server.tracedClient(2).chat().completions().create(ChatCompletionsTest.PARAMS);

    assertThat(reply.id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(server.sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(server.requests()).hasSize(2);
    SpanRecord span = server.onlySpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isEqualTo(1L);
    assertThat(span.attributes().get(GenAiAttributes.RATELIMIT_REMAINING_REQUESTS)).isEqualTo(9998L);
    assertThat(span.attributes().get(GenAiAttributes.COST_USD)).isEqualTo(0.007);
    EventRecord attempt = span.events().get(0);
    assertThat(span.events()).hasSize(1);
    assertThat(attempt.name()).isEqualTo(GenAiAttributes.ATTEMPT_FAILED_EVENT);
    assertThat(attempt.attributes().get(GenAiAttributes.ATTEMPT_NUMBER)).isEqualTo(1L);
    assertThat(attempt.attributes().get(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(429L);
    assertThat(attempt.attributes().get(GenAiAttributes.RETRY_AFTER)).isEqualTo("2");
  }

  @Test
  void serverErrorThreeTimes_throwsWhatAPlainClientThrows_withEveryAttemptRecorded() {
    server.stub(CHAT, aResponse().withStatus(500).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}"));
    Throwable expected = plainFailure(server.plainClient(2));
    server.wireMock.resetRequests();

    Throwable actual = catchThrowable(() -> server.tracedClient(2).chat().completions().create(ChatCompletionsTest.PARAMS));

    assertSameFailure(actual, expected);
    assertThat(actual).isInstanceOf(InternalServerException.class);
    assertThat(server.requests()).hasSize(3);
    SpanRecord span = failedSpan(actual);
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isEqualTo(2L);
    assertThat(span.events()).filteredOn(e -> e.name().equals(GenAiAttributes.ATTEMPT_FAILED_EVENT))
        .extracting(e -> e.attributes().get(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE)).containsExactly(500L, 500L, 500L);
    assertThat(span.events()).extracting(EventRecord::name).contains("exception");
  }

  @Test
  void serverErrorThroughAWrappedClient_throwsWhatAPlainClientThrows() {
    server.stub(CHAT, aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}"));
    Throwable expected = plainFailure(server.plainClient(1));
    Throwable actual = plainFailure(server.wrappedClient(1));

    assertSameFailure(actual, expected);
    SpanRecord span = failedSpan(actual);
    assertThat(span.attributes().get(GenAiAttributes.RETRY_COUNT)).isNull();
  }

  @Test
  void connectionReset_throwsWhatAPlainClientThrows() {
    server.stub(CHAT, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    Throwable expected = plainFailure(server.plainClient(0));
    Throwable actual = plainFailure(server.tracedClient(0));

    assertSameFailure(actual, expected);
    SpanRecord span = failedSpan(actual);
    assertThat(span.events()).filteredOn(e -> e.name().equals(GenAiAttributes.ATTEMPT_FAILED_EVENT)).singleElement()
        .satisfies(e -> assertThat(e.attributes().get(GenAiAttributes.ERROR_TYPE)).isNotBlank());
  }

  @Test
  void timeout_throwsWhatAPlainClientThrows() {
    server.stub(CHAT, OpenAiServer.json(Wire.CHAT_COMPLETION).withFixedDelay(1_500));
    Duration timeout = Duration.ofMillis(300);
    Throwable expected = plainFailure(server.plainClient(0).withOptions(o -> o.timeout(timeout)));
    Throwable actual = plainFailure(server.tracedBuilder(0).timeout(timeout).build());

    assertSameFailure(actual, expected);
    failedSpan(actual);
  }

  @Test
  void malformedJsonBody_throwsWhatAPlainClientThrows() {
    server.stub(CHAT, OpenAiServer.json("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,"));
    Throwable expected = plainFailure(server.plainClient(0));
    Throwable actual = plainFailure(server.tracedClient(0));

    assertSameFailure(actual, expected);
    failedSpan(actual);
    List<SpanRecord> spans = server.finishedSpans();
    assertThat(spans).hasSize(1);
  }
}
