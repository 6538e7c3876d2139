package dev.aitrace.openai;

import com.openai.core.JsonMissing;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Observes a legacy completions stream; hides the usage chunk the wrapper asked for, as for chat. */
final class CompletionStreamObserver extends StreamObserver<Completion> {
  private final boolean hideUsage;
  private final boolean usageExpected;
  private final boolean capture;
  private final Map<Long, String> finishReasons = new TreeMap<>();
  private final Map<Long, StringBuilder> text = new TreeMap<>();
  private boolean usageSeen;
  private boolean identified;

  CompletionStreamObserver(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    super(call);
    this.hideUsage = hideUsage;
    this.usageExpected = usageExpected;
    this.capture = call.tracing().content.enabled();
  }

  @Override
  @SuppressWarnings("unchecked") // JsonMissing is a JsonField of every type, which Java's generics cannot say
  Completion observe(Completion chunk) {
    if (!identified) {
      identified = true;
      call.responseId(chunk.id());
      call.responseModel(chunk.model());
    }
    chunk.systemFingerprint().ifPresent(call::systemFingerprint);
    List<CompletionChoice> choices = chunk.choices();
    for (CompletionChoice choice : choices) {
      String content = choice.text();
      if (!content.isEmpty()) {
        call.firstChunk();
        if (capture) {
          text.computeIfAbsent(choice.index(), i -> new StringBuilder()).append(content);
        }
      }
      if (!choice._finishReason().isNull() && !choice._finishReason().isMissing()) {
        finishReasons.put(choice.index(), choice.finishReason().asString());
      }
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
    return !finishReasons.isEmpty() && (usageSeen || !usageExpected);
  }
}
