package dev.aitrace.openai;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.cost.TokenUsage;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chat completions: {@code POST /chat/completions}, streamed or not, structured or not. */
final class ChatApi extends AiApi<ChatCompletionCreateParams, ChatCompletion, ChatCompletionChunk> {
  static final ChatApi INSTANCE = new ChatApi();

  private ChatApi() {
    super("chat", ChatCompletionCreateParams.class);
  }

  @Override
  String model(ChatCompletionCreateParams params) {
    return params.model().asString();
  }

  @Override
  Object prompt(ChatCompletionCreateParams params) {
    return params.messages();
  }

  @Override
  @SuppressWarnings("deprecation") // max_tokens and seed are deprecated, yet still sent and honoured
  void requestAttributes(ChatCompletionCreateParams params, AttributesBuilder attributes) {
    params.temperature().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TEMPERATURE, v));
    params.maxCompletionTokens().or(params::maxTokens)
        .ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_MAX_TOKENS, v));
    params.topP().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TOP_P, v));
    params.seed().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_SEED, v));
    params.n().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_CHOICE_COUNT, v));
  }

  @Override
  boolean mustAskForUsage(ChatCompletionCreateParams params) {
    return !ChatApi.includesUsage(params.streamOptions());
  }

  @Override
  ChatCompletionCreateParams prepare(ChatCompletionCreateParams params, Map<String, String> headers, boolean askForUsage) {
    ChatCompletionCreateParams.Builder builder = params.toBuilder();
    headers.forEach(builder::replaceAdditionalHeaders);
    if (askForUsage) {
      builder.streamOptions(ChatApi.withUsage(params.streamOptions()));
    }
    return builder.build();
  }

  @Override
  @SuppressWarnings("deprecation") // system_fingerprint is deprecated, yet still returned
  void onResult(AiCallSpan call, ChatCompletion completion) {
    call.responseId(completion.id());
    call.responseModel(completion.model());
    completion.serviceTier().ifPresent(tier -> call.serviceTier(tier.asString()));
    completion.systemFingerprint().ifPresent(call::systemFingerprint);
    completion.usage().ifPresent(usage -> call.usage(tokens(usage)));
    List<String> reasons = new ArrayList<>();
    List<CapturedMessage> output = new ArrayList<>();
    for (ChatCompletion.Choice choice : completion.choices()) {
      String reason = choice.finishReason().asString();
      reasons.add(reason);
      if (call.tracing().content.enabled()) {
        output.add(new CapturedMessage("assistant", choice.message().content().orElse(""), reason));
      }
    }
    call.finishReasons(reasons);
    call.outputMessages(call.tracing().content.json(output));
  }

  @Override
  StreamObserver<ChatCompletionChunk> observer(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    return new ChatStreamObserver(call, hideUsage, usageExpected);
  }

  @Override
  List<CapturedMessage> input(ChatCompletionCreateParams params) {
    List<CapturedMessage> messages = new ArrayList<>();
    for (ChatCompletionMessageParam message : params.messages()) {
      messages.add(message(message));
    }
    return messages;
  }

  /** Whether the caller's stream options already ask for the usage chunk. */
  static boolean includesUsage(Optional<ChatCompletionStreamOptions> options) {
    return options.flatMap(ChatCompletionStreamOptions::includeUsage).orElse(false);
  }

  /** The caller's stream options, or none, with the usage chunk asked for. */
  static ChatCompletionStreamOptions withUsage(Optional<ChatCompletionStreamOptions> options) {
    return options.map(ChatCompletionStreamOptions::toBuilder)
        .orElseGet(ChatCompletionStreamOptions::builder)
        .includeUsage(true)
        .build();
  }

  static TokenUsage tokens(CompletionUsage usage) {
    long cached = usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens).orElse(0L);
    long reasoning =
        usage.completionTokensDetails().flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(0L);
    return new TokenUsage(usage.promptTokens(), cached, usage.completionTokens(), reasoning);
  }

  @SuppressWarnings("deprecation") // function messages are deprecated, yet still accepted
  private static CapturedMessage message(ChatCompletionMessageParam message) {
    if (message.isUser()) {
      var content = message.asUser().content();
      return CapturedMessage.of("user", text(content.text(), content.arrayOfContentParts()));
    }
    if (message.isSystem()) {
      var content = message.asSystem().content();
      return CapturedMessage.of("system", text(content.text(), content.arrayOfContentParts()));
    }
    if (message.isDeveloper()) {
      var content = message.asDeveloper().content();
      return CapturedMessage.of("developer", text(content.text(), content.arrayOfContentParts()));
    }
    if (message.isAssistant()) {
      var content = message.asAssistant().content();
      return CapturedMessage.of("assistant", content.map(c -> text(c.text(), Optional.empty())).orElse(""));
    }
    if (message.isTool()) {
      var content = message.asTool().content();
      return CapturedMessage.of("tool", text(content.text(), content.arrayOfContentParts()));
    }
    return CapturedMessage.of("function", message.asFunction().content().orElse(""));
  }

  private static String text(Optional<String> text, Optional<? extends List<?>> parts) {
    if (text.isPresent()) {
      return text.get();
    }
    StringBuilder joined = new StringBuilder();
    List<?> all = parts.isPresent() ? parts.get() : List.of();
    for (Object part : all) {
      if (part instanceof ChatCompletionContentPartText) {
        joined.append(((ChatCompletionContentPartText) part).text());
      } else if (part instanceof ChatCompletionContentPart && ((ChatCompletionContentPart) part).isText()) {
        joined.append(((ChatCompletionContentPart) part).asText().text());
      }
    }
    return joined.toString();
  }
}
