package dev.aitrace.openai;

import com.openai.core.JsonMissing;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Observes a chat completion stream. When the wrapper asked for usage on the caller's behalf, the
 * final usage-only chunk is hidden and the {@code "usage": null} the server then adds to every other
 * chunk is removed, so the caller sees the chunks it would have seen without the wrapper.
 */
final class ChatStreamObserver extends StreamObserver<ChatCompletionChunk> {
  private final boolean hideUsage;
  private final boolean usageExpected;
  private final boolean capture;
  private final Map<Long, String> finishReasons = new TreeMap<>();
  private final Map<Long, StringBuilder> text = new TreeMap<>();
  private boolean usageSeen;
  private boolean identified;

  ChatStreamObserver(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    super(call);
    this.hideUsage = hideUsage;
    this.usageExpected = usageExpected;
    this.capture = call.tracing().content.enabled();
  }

  @Override
  @SuppressWarnings({"deprecation", "unchecked"}) // fingerprint and function_call are deprecated, yet
  // still sent; JsonMissing is a JsonField of every type, which Java's generics cannot say
  ChatCompletionChunk observe(ChatCompletionChunk chunk) {
    if (!identified) {
      identified = true;
      call.responseId(chunk.id());
      call.responseModel(chunk.model());
    }
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
      if (capture && !content.isEmpty()) {
        text.computeIfAbsent(choice.index(), i -> new StringBuilder()).append(content);
      }
      choice.finishReason().ifPresent(reason -> finishReasons.put(choice.index(), reason.asString()));
    }
    if (chunk.usage().isPresent()) {
      usageSeen = true;
      call.usage(ChatApi.tokens(chunk.usage().get()));
      if (hideUsage && choices.isEmpty()) {
        return null;
      }
    }
    if (hideUsage && chunk._usage().isNull()) {
      return chunk.toBuilder().usage(JsonMissing.of()).build();
    }
    return chunk;
  }

  @Override
  void recordArrived() {
    call.finishReasons(new ArrayList<>(finishReasons.values()));
    if (capture) {
      List<CapturedMessage> output = new ArrayList<>();
      for (Map.Entry<Long, StringBuilder> choice : text.entrySet()) {
        output.add(new CapturedMessage("assistant", choice.getValue().toString(), finishReasons.get(choice.getKey())));
      }
      call.outputMessages(call.tracing().content.json(output));
    }
  }

  @Override
  boolean complete() {
    // usage comes last: when it was asked for (by the caller or the wrapper), its absence means a cut
    return !finishReasons.isEmpty() && (usageSeen || !usageExpected);
  }
}
