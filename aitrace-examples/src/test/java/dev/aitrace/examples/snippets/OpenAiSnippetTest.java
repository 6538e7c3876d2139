package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.examples.fakeopenai.FakeOpenAiServer;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import org.junit.jupiter.api.Test;

/** The README's OpenAI snippets against the real openai-java client and the fake OpenAI server. */
class OpenAiSnippetTest {
  @Test
  void wrappedAndBuiltClients_recordTheCallWithTokensAndCost() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (FakeOpenAiServer fake = FakeOpenAiServer.builder().noLatency().build().start();
        AiTrace aiTrace = AiTrace.builder().addExporter(spans).shutdownHook(false).build()) {
      assertThat(OpenAiSnippet.askWrapped(aiTrace, fake.baseUrl(), "sk-fake")).isNotBlank();
      String previousUrl = System.setProperty("openai.baseUrl", fake.baseUrl());
      String previousKey = System.setProperty("openai.apiKey", "sk-fake");
      try {
        assertThat(OpenAiSnippet.ask(OpenAiSnippet.fromEnvironment(aiTrace))).isNotBlank();
      } finally {
        restore("openai.baseUrl", previousUrl);
        restore("openai.apiKey", previousKey);
      }
      aiTrace.flush();
      assertThat(spans.getFinishedSpans()).hasSize(2).allSatisfy(span -> {
        assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
        assertThat(span.attributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isPositive();
        assertThat(span.attributes().get(GenAiAttributes.COST_KNOWN)).isTrue();
      });
      SpanRecord built = spans.getFinishedSpans().get(1);
      assertThat(built.attributes().get(GenAiAttributes.RETRY_COUNT)).isZero();
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }
}
