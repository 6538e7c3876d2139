package dev.aitrace.openai;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;

/** Finds the {@link AiApi} that reads a given kind of create parameters. */
final class AiApis {
  private AiApis() {}

  /** The API for {@code params}, or null when its calls are not traced. */
  static AiApi<?, ?, ?> forParams(Object params) {
    if (params instanceof ChatCompletionCreateParams) {
      return ChatApi.INSTANCE;
    }
    if (params instanceof ResponseCreateParams) {
      return ResponsesApi.INSTANCE;
    }
    if (params instanceof EmbeddingCreateParams) {
      return EmbeddingsApi.INSTANCE;
    }
    if (params instanceof CompletionCreateParams) {
      return CompletionsApi.INSTANCE;
    }
    return null;
  }
}
