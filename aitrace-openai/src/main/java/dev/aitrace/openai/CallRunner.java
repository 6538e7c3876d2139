package dev.aitrace.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.guard.AiCall;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Makes one traced AI call: asks the guard, starts the span, adds the trace headers (and, for a
 * stream, the usage request), makes the call through the raw-response view so the response headers
 * can be read, records the result and ends the span. The caller gets exactly what the untraced
 * client returns or throws.
 */
final class CallRunner<P, R, C> {
  private final TracingHandler handler;
  private final AiApi<P, R, C> api;
  private final AiCallSpan call;
  private final Object target;
  private final Method method;

  private CallRunner(TracingHandler handler, AiApi<P, R, C> api, AiCallSpan call, Object target, Method method) {
    this.handler = handler;
    this.api = api;
    this.call = call;
    this.target = target;
    this.method = method;
  }

  @SuppressWarnings("unchecked")
  static Object run(TracingHandler handler, AiApi<?, ?, ?> api, boolean stream, Object params, RequestOptions options,
      Object target, Method method) throws Throwable {
    return runTyped(handler, (AiApi<Object, Object, Object>) api, stream, params, options, target, method);
  }

  /** Makes the call as {@code method(params, options)} on {@code target}, the raw-response view if not async-streamed. */
  private static <P, R, C> Object runTyped(TracingHandler handler, AiApi<P, R, C> api, boolean stream, P params,
      RequestOptions options, Object target, Method method) throws Throwable {
    String model = "";
    try {
      model = api.model(params);
    } catch (Throwable t) {
      SelfLog.fault("openai.describe", t);
    }
    // Hashing the messages is the costliest part of asking the guard: done only if a guard reads it.
    String named = model;
    AiCall guarded = AiCall.lazy(api.operation(), model, () -> Fingerprint.of(named, api.prompt(params)));
    AiCallSpan call =
        handler.tracing.start(api, guarded, stream, attributes -> api.requestAttributes(params, attributes));
    return new CallRunner<>(handler, api, call, target, method).call(stream, params, options);
  }

  @SuppressWarnings("try") // the scope is only held open
  private Object call(boolean stream, P params, RequestOptions options) throws Throwable {
    P prepared = params;
    boolean hideUsage = false;
    boolean usageExpected = true;
    try {
      ContentCapture content = handler.tracing.content;
      if (content.enabled()) {
        String input = content.json(api.input(params));
        if (input != null) {
          call.span().setAttribute(GenAiAttributes.INPUT_MESSAGES, input);
        }
      }
      boolean askForUsage = stream && api.mustAskForUsage(params);
      prepared = api.prepare(params, OutgoingHeaders.of(handler.tracing.aiTrace, call.context()), askForUsage);
      hideUsage = askForUsage;
    } catch (Throwable t) {
      SelfLog.fault("openai.prepare", t);
      usageExpected = !stream || !safeMustAskForUsage(params);
    }
    StreamObserver<C> observer = stream ? api.observer(call, hideUsage, usageExpected) : null;
    try (Scope ignored = call.context().makeCurrent()) {
      if (handler.async) {
        return stream ? asyncStream(prepared, options, observer) : asyncCall(prepared, options);
      }
      return stream ? syncStream(prepared, options, observer) : syncCall(prepared, options);
    } catch (Throwable t) {
      call.end(t);
      throw t;
    }
  }

  @SuppressWarnings("unchecked")
  private Object syncCall(P params, RequestOptions options) throws Throwable {
    HttpResponseFor<R> response = (HttpResponseFor<R>) invoke(params, options);
    ResponseHeaders.record(call.span(), response.headers());
    if (handler.raw) {
      return new TracedRawResponse<>(response, call, this::finish, closer());
    }
    return finish(response.parse());
  }

  @SuppressWarnings("unchecked")
  private Object syncStream(P params, RequestOptions options, StreamObserver<C> observer) throws Throwable {
    HttpResponseFor<StreamResponse<C>> response =
        (HttpResponseFor<StreamResponse<C>>) invoke(params, options);
    ResponseHeaders.record(call.span(), response.headers());
    Function<StreamResponse<C>, StreamResponse<C>> traced = s -> new TracedStreamResponse<>(s, observer);
    if (handler.raw) {
      return new TracedRawResponse<>(response, call, traced, observer::closed);
    }
    return traced.apply(response.parse());
  }

  @SuppressWarnings("unchecked")
  private Object asyncCall(P params, RequestOptions options) throws Throwable {
    CompletableFuture<HttpResponseFor<R>> future =
        (CompletableFuture<HttpResponseFor<R>>) invoke(params, options);
    CompletableFuture<Object> result =
        future.thenApply(response -> {
          ResponseHeaders.record(call.span(), response.headers());
          if (handler.raw) {
            return new TracedRawResponse<>(response, call, this::finish, closer());
          }
          return finish(response.parse());
        });
    return endOnFailure(result);
  }

  @SuppressWarnings("unchecked")
  private Object asyncStream(P params, RequestOptions options, StreamObserver<C> observer) throws Throwable {
    if (!handler.raw) {
      AsyncStreamResponse<C> stream =
          (AsyncStreamResponse<C>) invoke(params, options);
      return new TracedAsyncStreamResponse<>(stream, observer);
    }
    CompletableFuture<HttpResponseFor<StreamResponse<C>>> future =
        (CompletableFuture<HttpResponseFor<StreamResponse<C>>>) invoke(params, options);
    CompletableFuture<Object> result =
        future.thenApply(response -> {
          ResponseHeaders.record(call.span(), response.headers());
          Function<StreamResponse<C>, StreamResponse<C>> traced = s -> new TracedStreamResponse<>(s, observer);
          return new TracedRawResponse<>(response, call, traced, observer::closed);
        });
    return endOnFailure(result);
  }

  private Object invoke(P params, RequestOptions options) throws Throwable {
    return TracingHandler.forward(target, method, new Object[] {params, options});
  }

  private <T> CompletableFuture<T> endOnFailure(CompletableFuture<T> future) {
    return future.whenComplete((value, error) -> {
      if (error != null) {
        call.end(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error);
      }
    });
  }

  /** Records a non-streamed result and ends the call; returns the result unchanged. */
  private R finish(R result) {
    try {
      api.onResult(call, result);
    } catch (Throwable t) {
      SelfLog.fault("openai.recordResult", t);
    }
    call.end();
    return result;
  }

  private Runnable closer() {
    AiCallSpan ending = call;
    return ending::end;
  }

  private boolean safeMustAskForUsage(P params) {
    try {
      return api.mustAskForUsage(params);
    } catch (Throwable t) {
      return false;
    }
  }
}
