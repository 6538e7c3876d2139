package dev.aitrace.openai;

import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import dev.aitrace.GenAiAttributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Legacy completions: {@code POST /completions}, streamed or not. */
final class CompletionsApi extends AiApi<CompletionCreateParams, Completion, Completion> {
  static final CompletionsApi INSTANCE = new CompletionsApi();

  private CompletionsApi() {
    super("text_completion", CompletionCreateParams.class);
  }

  @Override
  String model(CompletionCreateParams params) {
    return params.model().asString();
  }

  @Override
  Object prompt(CompletionCreateParams params) {
    return params.prompt().map(Object::toString).orElse("");
  }

  @Override
  void requestAttributes(CompletionCreateParams params, AttributesBuilder attributes) {
    params.temperature().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TEMPERATURE, v));
    params.maxTokens().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_MAX_TOKENS, v));
    params.topP().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TOP_P, v));
    params.seed().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_SEED, v));
    params.n().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_CHOICE_COUNT, v));
  }

  @Override
  boolean mustAskForUsage(CompletionCreateParams params) {
    return !ChatApi.includesUsage(params.streamOptions());
  }

  @Override
  CompletionCreateParams prepare(CompletionCreateParams params, Map<String, String> headers, boolean askForUsage) {
    CompletionCreateParams.Builder builder = params.toBuilder();
    headers.forEach(builder::replaceAdditionalHeaders);
    if (askForUsage) {
      builder.streamOptions(ChatApi.withUsage(params.streamOptions()));
    }
    return builder.build();
  }

  @Override
  void onResult(AiCallSpan call, Completion completion) {
    call.responseId(completion.id());
    call.responseModel(completion.model());
    completion.systemFingerprint().ifPresent(call::systemFingerprint);
    completion.usage().ifPresent(usage -> call.usage(ChatApi.tokens(usage)));
    List<String> reasons = new ArrayList<>();
    List<CapturedMessage> output = new ArrayList<>();
    for (CompletionChoice choice : completion.choices()) {
      reasons.add(choice.finishReason().asString());
      output.add(new CapturedMessage("assistant", choice.text(), choice.finishReason().asString()));
    }
    call.finishReasons(reasons);
    call.outputMessages(call.tracing().content.json(output));
  }

  @Override
  StreamObserver<Completion> observer(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    return new CompletionStreamObserver(call, hideUsage, usageExpected);
  }

  @Override
  List<CapturedMessage> input(CompletionCreateParams params) {
    List<CapturedMessage> messages = new ArrayList<>();
    params.prompt().ifPresent(prompt -> {
      prompt.string().ifPresent(text -> messages.add(CapturedMessage.of("user", text)));
      prompt.arrayOfStrings().ifPresent(texts -> texts.forEach(text -> messages.add(CapturedMessage.of("user", text))));
    });
    return messages;
  }
}
