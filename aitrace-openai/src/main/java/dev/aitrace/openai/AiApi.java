package dev.aitrace.openai;

import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;
import java.util.Map;

/**
 * What the instrumentation knows about one OpenAI API (chat completions, responses, embeddings,
 * legacy completions): how to read its request parameters and its results, and how to observe its
 * stream. One immutable instance per API.
 *
 * @param <P> the create parameters
 * @param <R> the non-streamed result
 * @param <C> the stream chunk or event ({@code Void} when the API does not stream)
 */
abstract class AiApi<P, R, C> {
  private final String operation;
  private final Class<P> paramsType;

  AiApi(String operation, Class<P> paramsType) {
    this.operation = operation;
    this.paramsType = paramsType;
  }

  /** The GenAI operation name: {@code chat}, {@code embeddings}, {@code text_completion}. */
  final String operation() {
    return operation;
  }

  final Class<P> paramsType() {
    return paramsType;
  }

  /** The requested model; empty when the request names none. */
  abstract String model(P params);

  /** What the model is asked, for the loop guard's fingerprint. */
  abstract Object prompt(P params);

  abstract void requestAttributes(P params, AttributesBuilder attributes);

  /** Whether a stream must ask for usage because the caller did not: the span needs exact tokens. */
  boolean mustAskForUsage(P params) {
    return false;
  }

  /** {@code params} with the trace headers added and, when {@code askForUsage}, usage asked for. */
  abstract P prepare(P params, Map<String, String> headers, boolean askForUsage);

  /** Records a non-streamed result on the call. */
  abstract void onResult(AiCallSpan call, R result);

  /**
   * An observer for one stream of this API.
   *
   * @param hideUsage whether usage was asked for on the caller's behalf, so its chunk must be hidden
   * @param usageExpected whether the stream is to end with usage; without it, it was cut short
   */
  abstract StreamObserver<C> observer(AiCallSpan call, boolean hideUsage, boolean usageExpected);

  /** The request's messages, for opt-in content capture. */
  abstract List<CapturedMessage> input(P params);
}
