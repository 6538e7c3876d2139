package dev.aitrace.openai;

import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.cost.TokenUsage;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Responses API: {@code POST /responses}, streamed or not. Its stream always ends with the full
 * response (usage included) in a {@code response.completed}, {@code response.incomplete} or {@code
 * response.failed} event, so nothing has to be asked for on the caller's behalf.
 */
final class ResponsesApi extends AiApi<ResponseCreateParams, Response, ResponseStreamEvent> {
  static final ResponsesApi INSTANCE = new ResponsesApi();

  private ResponsesApi() {
    super("chat", ResponseCreateParams.class);
  }

  @Override
  String model(ResponseCreateParams params) {
    return params.model().map(ResponsesApi::name).orElse("");
  }

  static String name(ResponsesModel model) {
    if (model.string().isPresent()) {
      return model.string().get();
    }
    if (model.chat().isPresent()) {
      return model.chat().map(ChatModel::asString).get();
    }
    return model.only().map(only -> only.asString()).orElse("");
  }

  @Override
  Object prompt(ResponseCreateParams params) {
    return params.instructions().orElse("") + "\n" + params.input().map(Object::toString).orElse("");
  }

  @Override
  void requestAttributes(ResponseCreateParams params, AttributesBuilder attributes) {
    params.temperature().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TEMPERATURE, v));
    params.maxOutputTokens().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_MAX_TOKENS, v));
    params.topP().ifPresent(v -> attributes.put(GenAiAttributes.REQUEST_TOP_P, v));
    params.previousResponseId().ifPresent(v -> attributes.put(GenAiAttributes.CONVERSATION_ID, v));
  }

  @Override
  ResponseCreateParams prepare(ResponseCreateParams params, Map<String, String> headers, boolean askForUsage) {
    ResponseCreateParams.Builder builder = params.toBuilder();
    headers.forEach(builder::replaceAdditionalHeaders);
    return builder.build();
  }

  @Override
  void onResult(AiCallSpan call, Response response) {
    call.responseId(response.id());
    call.responseModel(name(response.model()));
    response.serviceTier().ifPresent(tier -> call.serviceTier(tier.asString()));
    response.usage().ifPresent(usage -> call.usage(tokens(usage)));
    String status = response.status().map(s -> s.asString()).orElse(null);
    if (status != null) {
      call.finishReasons(List.of(status));
    }
    if (call.tracing().content.enabled()) {
      call.outputMessages(call.tracing().content.json(List.of(new CapturedMessage("assistant", text(response), status))));
    }
  }

  static TokenUsage tokens(ResponseUsage usage) {
    return new TokenUsage(usage.inputTokens(), usage.inputTokensDetails().cachedTokens(), usage.outputTokens(),
        usage.outputTokensDetails().reasoningTokens());
  }

  static String text(Response response) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      if (item.isMessage()) {
        for (ResponseOutputMessage.Content content : item.asMessage().content()) {
          if (content.isOutputText()) {
            text.append(content.asOutputText().text());
          }
        }
      }
    }
    return text.toString();
  }

  @Override
  StreamObserver<ResponseStreamEvent> observer(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    return new ResponsesStreamObserver(call);
  }

  @Override
  List<CapturedMessage> input(ResponseCreateParams params) {
    List<CapturedMessage> messages = new ArrayList<>();
    params.instructions().ifPresent(text -> messages.add(CapturedMessage.of("system", text)));
    params.input().ifPresent(input -> {
      if (input.isText()) {
        messages.add(CapturedMessage.of("user", input.asText()));
        return;
      }
      for (ResponseInputItem item : input.asResponse()) {
        if (item.isEasyInputMessage()) {
          var message = item.asEasyInputMessage();
          messages.add(CapturedMessage.of(message.role().asString(), message.content().textInput().orElse("")));
        }
      }
    });
    return messages;
  }
}
