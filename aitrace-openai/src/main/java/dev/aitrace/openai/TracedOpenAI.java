package dev.aitrace.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import dev.aitrace.AiTrace;

/**
 * Traces an openai-java client: every chat completion (plain, structured, streamed), Responses API
 * call, embedding and legacy completion becomes a CLIENT span named {@code {operation} {model}}
 * ({@code chat gpt-4o}) with the request's settings, the response's tokens, its cost and, for
 * streams, the time to the first chunk. The application keeps using the openai-java API unchanged;
 * every other service passes through untouched.
 *
 * <p>Two ways in:
 *
 * <ul>
 *   <li>{@link #wrap(OpenAIClient, AiTrace)} an existing client, when the application builds its
 *       own. Spans, tokens, cost, {@code x-request-id}, rate limits of the final response and trace
 *       headers, but not the individual HTTP attempts: openai-java offers no way to put a layer
 *       under an existing client's retries, so {@code aitrace.retry.count} and the failed-attempt
 *       events are missing.
 *   <li>{@link #builder(AiTrace)} a new client from the environment ({@code OPENAI_API_KEY}, {@code
 *       OPENAI_BASE_URL}), with aitrace's HTTP layer installed below openai-java's retry layer:
 *       everything above plus each attempt (retry count, failed-attempt events with status and
 *       {@code retry-after}, the server actually called). Use this one when you can.
 * </ul>
 *
 * <pre>{@code
 * OpenAIClient openai = TracedOpenAI.wrap(OpenAIOkHttpClient.fromEnv(), aiTrace);
 * ChatCompletion reply = openai.chat().completions().create(params); // traced
 * }</pre>
 *
 * <p>Thread-safe, as the clients it wraps.
 */
public final class TracedOpenAI {
  private TracedOpenAI() {}

  /** {@code client}, traced; content capture as {@code AITRACE_CAPTURE_CONTENT} says (off by default). */
  public static OpenAIClient wrap(OpenAIClient client, AiTrace aiTrace) {
    return builder(aiTrace).wrap(client);
  }

  /** {@code client}, traced; content capture as {@code AITRACE_CAPTURE_CONTENT} says (off by default). */
  public static OpenAIClientAsync wrap(OpenAIClientAsync client, AiTrace aiTrace) {
    return builder(aiTrace).wrap(client);
  }

  /**
   * A builder for a traced client with every HTTP attempt recorded, or for wrapping an existing
   * client with options (content capture, redactor):
   *
   * <pre>{@code
   * OpenAIClient openai = TracedOpenAI.builder(aiTrace).maxRetries(3).build();
   * }</pre>
   */
  public static TracedOpenAIBuilder builder(AiTrace aiTrace) {
    return new TracedOpenAIBuilder(aiTrace);
  }
}
