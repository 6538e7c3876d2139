package dev.aitrace.examples.snippets;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aitrace.AiTrace;
import dev.aitrace.openai.TracedOpenAI;
import java.time.Duration;

/**
 * The README's OpenAI snippets: the two-line wrap of a client the application already builds, and
 * a traced client from the environment with every HTTP attempt recorded.
 */
public final class OpenAiSnippet {
  private OpenAiSnippet() {}

  /** Wraps a client pointed at {@code baseUrl} and asks one question; returns the answer. */
  public static String askWrapped(AiTrace aiTrace, String baseUrl, String apiKey) {
    // --- README: openai wrap ---
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).build(); // yours
    OpenAIClient openai = TracedOpenAI.wrap(client, aiTrace);
    // --- end ---
    return ask(openai);
  }

  /** A traced client from {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}. */
  public static OpenAIClient fromEnvironment(AiTrace aiTrace) {
    // --- README: openai builder ---
    OpenAIClient openai = TracedOpenAI.builder(aiTrace) // reads OPENAI_API_KEY, OPENAI_BASE_URL
        .maxRetries(3)
        .timeout(Duration.ofSeconds(60))
        .build();
    // --- end ---
    return openai;
  }

  /** One chat completion: a {@code chat gpt-4o-mini} span with tokens and cost. */
  public static String ask(OpenAIClient openai) {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .addUserMessage("Name one use of tracing.")
        .build();
    return openai.chat().completions().create(params).choices().get(0).message().content().orElse("");
  }
}
