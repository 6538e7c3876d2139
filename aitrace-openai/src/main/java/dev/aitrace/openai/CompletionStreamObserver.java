package dev.aitrace.openai;

import com.openai.core.JsonMissing;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import java.util.List;

/** Observes a legacy completions stream; hides the usage chunk the wrapper asked for, as for chat. */
final class CompletionStreamObserver extends ChoicesStreamObserver<Completion> {
  CompletionStreamObserver(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    super(call, hideUsage, usageExpected);
  }

  @Override
  @SuppressWarnings("unchecked") // JsonMissing is a JsonField of every type, which Java's generics cannot say
  Completion observe(Completion chunk) {
    identify(chunk.id(), chunk.model());
    chunk.systemFingerprint().ifPresent(call::systemFingerprint);
    List<CompletionChoice> choices = chunk.choices();
    for (CompletionChoice choice : choices) {
      String content = choice.text();
      if (!content.isEmpty()) {
        call.firstChunk();
        appendText(choice.index(), content);
      }
      if (!choice._finishReason().isNull() && !choice._finishReason().isMissing()) {
        finish(choice.index(), choice.finishReason().asString());
      }
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
