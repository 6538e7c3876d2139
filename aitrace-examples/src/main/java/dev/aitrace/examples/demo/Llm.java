package dev.aitrace.examples.demo;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agents' one way to a model: the (traced) openai-java client plus the model names to use. Every
 * AI call of the demo goes through here, so every one of them is a span. Thread-safe.
 */
final class Llm {
  private final OpenAIClient client;
  private final String chatModel;
  private final String reviewModel;
  private final String embeddingModel;

  Llm(OpenAIClient client, String chatModel, String reviewModel, String embeddingModel) {
    this.client = client;
    this.chatModel = chatModel;
    this.reviewModel = reviewModel;
    this.embeddingModel = embeddingModel;
  }

  /** A new request for the chat model with a system prompt and a user message. */
  ChatCompletionCreateParams.Builder request(String system, String user, long maxTokens) {
    return ChatCompletionCreateParams.builder()
        .model(chatModel)
        .temperature(0.2)
        .maxCompletionTokens(maxTokens)
        .addSystemMessage(system)
        .addUserMessage(user);
  }

  /**
   * A request for the review model, which may be a reasoning model: those take no temperature and
   * spend part of their output budget on reasoning tokens.
   */
  ChatCompletionCreateParams.Builder reviewRequest(String system, String user, long maxTokens) {
    if (!isReasoning(reviewModel)) {
      return request(system, user, maxTokens).model(reviewModel);
    }
    return ChatCompletionCreateParams.builder()
        .model(reviewModel)
        .maxCompletionTokens(maxTokens * 4)
        .addSystemMessage(system)
        .addUserMessage(user);
  }

  private static boolean isReasoning(String model) {
    return model.matches("o\\d.*") || model.startsWith("gpt-5");
  }

  /** One unstreamed completion; its text, or the empty string when the model sent none. */
  String complete(ChatCompletionCreateParams params) {
    return first(completion(params));
  }

  ChatCompletion completion(ChatCompletionCreateParams params) {
    return client.chat().completions().create(params);
  }

  /** A streamed completion with usage in its last chunk; returns the whole text. */
  String stream(ChatCompletionCreateParams.Builder params) {
    StringBuilder text = new StringBuilder();
    ChatCompletionCreateParams streamed =
        params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
      stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
    }
    return text.toString();
  }

  /** Embeds {@code texts} with the embedding model, in order. */
  List<List<Float>> embed(List<String> texts) {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model(embeddingModel).inputOfArrayOfStrings(texts).dimensions(256).build());
    List<List<Float>> vectors = new ArrayList<>();
    response.data().forEach(e -> vectors.add(e.embedding()));
    return vectors;
  }

  /** A function tool taking one string argument. */
  static ChatCompletionFunctionTool tool(String name, String description, String argument) {
    return ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder()
            .name(name)
            .description(description)
            .parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of(argument, Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of(argument)))
                .build())
            .build())
        .build();
  }

  static String first(ChatCompletion completion) {
    return completion.choices().isEmpty() ? "" : completion.choices().get(0).message().content().orElse("");
  }
}
