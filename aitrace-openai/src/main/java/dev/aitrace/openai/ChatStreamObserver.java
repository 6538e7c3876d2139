package dev.aitrace.openai;

import com.openai.core.JsonMissing;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.List;

/**
 * Observes a chat completion stream. When the wrapper asked for usage on the caller's behalf, the
 * final usage-only chunk is hidden and the {@code "usage": null} the server then adds to every other
 * chunk is removed, so the caller sees the chunks it would have seen without the wrapper.
 */
final class ChatStreamObserver extends ChoicesStreamObserver<ChatCompletionChunk> {
  ChatStreamObserver(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    super(call, hideUsage, usageExpected);
  }

  @Override
  @SuppressWarnings({"deprecation", "unchecked"}) // fingerprint and function_call are deprecated, yet
  // still sent; JsonMissing is a JsonField of every type, which Java's generics cannot say
  ChatCompletionChunk observe(ChatCompletionChunk chunk) {
    identify(chunk.id(), chunk.model());
    chunk.serviceTier().ifPresent(tier -> call.serviceTier(tier.asString()));
    chunk.systemFingerprint().ifPresent(call::systemFingerprint);
    List<ChatCompletionChunk.Choice> choices = chunk.choices();
    for (ChatCompletionChunk.Choice choice : choices) {
      ChatCompletionChunk.Choice.Delta delta = choice.delta();
      String content = delta.content().orElse("");
      if (!content.isEmpty() || delta.refusal().isPresent()
          || delta.toolCalls().map(calls -> !calls.isEmpty()).orElse(false) || delta.functionCall().isPresent()) {
        call.firstChunk();
      }
      appendText(choice.index(), content);
      choice.finishReason().ifPresent(reason -> finish(choice.index(), reason.asString()));
    }
    if (usageArrived(chunk.usage(), choices.isEmpty())) {
      return null;
    }
    if (hideUsage && chunk._usage().isNull()) {
      return chunk.toBuilder().usage(JsonMissing.of()).build();
    }
    return chunk;
  }
}
