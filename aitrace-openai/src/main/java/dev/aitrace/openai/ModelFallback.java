package dev.aitrace.openai;

import static java.util.Objects.requireNonNull;

import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import dev.aitrace.AiTrace;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Tries an ordered list of models until one answers: on a failure worth another model (rate limit,
 * server error, I/O error or timeout, after the client's own retries) the next model is tried; any
 * other failure is thrown at once. The attempts are the AI-call spans of the traced client, children
 * of one {@code fallback {first model}} span that carries {@code aitrace.fallback.models}, {@code
 * aitrace.fallback.attempts} and {@code aitrace.fallback.selected_model}. When every model fails,
 * the last failure is thrown unchanged. Immutable and thread-safe.
 *
 * <pre>{@code
 * ModelFallback fallback = ModelFallback.of(aiTrace, "gpt-4o", "gpt-4o-mini");
 * ChatCompletion reply = fallback.call(model ->
 *     openai.chat().completions().create(params.toBuilder().model(model).build()));
 * }</pre>
 */
public final class ModelFallback {
  private final AiTrace aiTrace;
  private final List<String> models;
  private final Predicate<Throwable> tryNext;

  private ModelFallback(AiTrace aiTrace, List<String> models, Predicate<Throwable> tryNext) {
    this.aiTrace = aiTrace;
    this.models = models;
    this.tryNext = tryNext;
  }

  /** Tries {@code models} in this order. */
  public static ModelFallback of(AiTrace aiTrace, String... models) {
    return of(aiTrace, List.of(models));
  }

  /** Tries {@code models} in this order. */
  public static ModelFallback of(AiTrace aiTrace, List<String> models) {
    requireNonNull(aiTrace, "aiTrace");
    List<String> copy = List.copyOf(requireNonNull(models, "models"));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("models must not be empty");
    }
    for (String model : copy) {
      if (model.isBlank()) {
        throw new IllegalArgumentException("models must not contain a blank name: " + copy);
      }
    }
    return new ModelFallback(aiTrace, copy, ModelFallback::worthAnotherModel);
  }

  /** A copy that moves on to the next model when {@code tryNext} says so, instead of the default rule. */
  public ModelFallback tryNextWhen(Predicate<Throwable> tryNext) {
    return new ModelFallback(aiTrace, models, requireNonNull(tryNext, "tryNext"));
  }

  /** The default rule: rate limits, 408/409/5xx responses, I/O errors and timeouts. */
  public static boolean worthAnotherModel(Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof RateLimitException || t instanceof InternalServerException || t instanceof OpenAIIoException
        || t instanceof OpenAIRetryableException || t instanceof java.util.concurrent.TimeoutException) {
      return true;
    }
    if (t instanceof OpenAIServiceException) {
      int status = ((OpenAIServiceException) t).statusCode();
      return status == 408 || status == 409 || status >= 500;
    }
    return false;
  }

  /** Calls {@code call} with each model in turn until one returns; returns what it returned. */
  @SuppressWarnings("try") // the scope is only held open
  public <T, E extends Throwable> T call(ModelCall<T, E> call) throws E {
    requireNonNull(call, "call");
    Span span = start();
    int attempts = 0;
    try (Scope ignored = span.makeCurrent()) {
      for (int i = 0; ; i++) {
        String model = models.get(i);
        attempts++;
        try {
          T result = call.call(model);
          span.setAttribute(GenAiAttributes.FALLBACK_SELECTED_MODEL, model);
          return result;
        } catch (Throwable t) {
          if (i == models.size() - 1 || !safeTryNext(t)) {
            span.setStatus(StatusCode.ERROR, String.valueOf(t.getMessage()));
            span.setAttribute(GenAiAttributes.ERROR_TYPE, t.getClass().getName());
            throw t;
          }
        }
      }
    } finally {
      span.setAttribute(GenAiAttributes.FALLBACK_ATTEMPTS, (long) attempts);
      span.end();
    }
  }

  private Span start() {
    try {
      return aiTrace.tracer(OpenAiTracing.SCOPE).spanBuilder("fallback " + models.get(0))
          .setSpanKind(SpanKind.INTERNAL)
          .setAttribute(GenAiAttributes.FALLBACK_MODELS, models)
          .startSpan();
    } catch (Throwable t) {
      SelfLog.fault("openai.fallback", t);
      return Span.getInvalid();
    }
  }

  private boolean safeTryNext(Throwable failure) {
    try {
      return tryNext.test(failure);
    } catch (Throwable t) {
      SelfLog.fault("openai.fallback.tryNext", t);
      return false;
    }
  }

  /**
   * One attempt with one model.
   *
   * @param <T> what the call returns
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface ModelCall<T, E extends Throwable> {
    T call(String model) throws E;
  }
}
