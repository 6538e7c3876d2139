package dev.aitrace.openai;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.cost.TokenUsage;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Embeddings: {@code POST /embeddings}. Input tokens only; never streamed. */
final class EmbeddingsApi extends AiApi<EmbeddingCreateParams, CreateEmbeddingResponse, Void> {
  static final EmbeddingsApi INSTANCE = new EmbeddingsApi();

  private EmbeddingsApi() {
    super("embeddings", EmbeddingCreateParams.class);
  }

  @Override
  String model(EmbeddingCreateParams params) {
    return params.model().asString();
  }

  @Override
  Object prompt(EmbeddingCreateParams params) {
    return params.input();
  }

  @Override
  void requestAttributes(EmbeddingCreateParams params, AttributesBuilder attributes) {
    params.dimensions().ifPresent(v -> attributes.put(GenAiAttributes.EMBEDDINGS_DIMENSION_COUNT, v));
  }

  @Override
  EmbeddingCreateParams prepare(EmbeddingCreateParams params, Map<String, String> headers, boolean askForUsage) {
    EmbeddingCreateParams.Builder builder = params.toBuilder();
    headers.forEach(builder::replaceAdditionalHeaders);
    return builder.build();
  }

  @Override
  void onResult(AiCallSpan call, CreateEmbeddingResponse response) {
    call.responseModel(response.model());
    call.usage(new TokenUsage(response.usage().promptTokens(), 0, 0, 0));
  }

  @Override
  StreamObserver<Void> observer(AiCallSpan call, boolean hideUsage, boolean usageExpected) {
    throw new UnsupportedOperationException("embeddings are not streamed");
  }

  @Override
  List<CapturedMessage> input(EmbeddingCreateParams params) {
    List<CapturedMessage> messages = new ArrayList<>();
    params.input().string().ifPresent(text -> messages.add(CapturedMessage.of("user", text)));
    params.input().arrayOfStrings().ifPresent(texts -> texts.forEach(text -> messages.add(CapturedMessage.of("user", text))));
    return messages;
  }
}
