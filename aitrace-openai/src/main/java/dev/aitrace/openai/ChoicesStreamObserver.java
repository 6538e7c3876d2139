package dev.aitrace.openai;

import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the chat and legacy completion stream observers share: the choices' finish reasons and text
 * (for content capture), the usage chunk the wrapper may have asked for on the caller's behalf, and
 * when a stream counts as complete.
 */
abstract class ChoicesStreamObserver<C> extends StreamObserver<C> {
  final boolean hideUsage;
  final boolean capture;
  private final boolean usageExpected;
  private final Map<Long, String> finishReasons = new TreeMap<>();
  private final Map<Long, StringBuilder> text = new TreeMap<>();
  private boolean usageSeen;
  private boolean identified;

  ChoicesStreamObserver(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    super(call);
    this.hideUsage = hideUsage;
    this.usageExpected = usageExpected;
    this.capture = call.tracing().content.enabled();
  }

  /** Records the response id and model from the first chunk. */
  final void identify(String id, String model) {
    if (!identified) {
      identified = true;
      call.responseId(id);
      call.responseModel(model);
    }
  }

  final void appendText(long index, String content) {
    if (capture && !content.isEmpty()) {
      text.computeIfAbsent(index, i -> new StringBuilder()).append(content);
    }
  }

  final void finish(long index, String reason) {
    finishReasons.put(index, reason);
  }

  /**
   * Records the usage a chunk carries; returns true when the chunk is the usage-only chunk the
   * wrapper asked for, which the caller must not see.
   */
  final boolean usageArrived(Optional<CompletionUsage> usage, boolean noChoices) {
    if (usage.isEmpty()) {
      return false;
    }
    usageSeen = true;
    call.usage(ChatApi.tokens(usage.get()));
    return hideUsage && noChoices;
  }

  @Override
  final void recordArrived() {
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
  final boolean complete() {
    // usage comes last: when it was asked for (by the caller or the wrapper), its absence means a cut
    return !finishReasons.isEmpty() && (usageSeen || !usageExpected);
  }
}
