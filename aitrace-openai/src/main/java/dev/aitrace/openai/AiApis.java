package dev.aitrace.openai;

import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** Finds the {@link AiApi} that reads a given kind of create parameters. */
final class AiApis {
  private AiApis() {}

  /** The API for {@code params}, or null when its calls are not traced. */
  static AiApi<?, ?, ?> forParams(Object params) {
    if (params instanceof ChatCompletionCreateParams) {
      return ChatApi.INSTANCE;
    }
    return null;
  }
}
