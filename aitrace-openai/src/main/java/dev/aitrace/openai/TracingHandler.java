package dev.aitrace.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.RequestOptions;
import com.openai.services.async.ChatServiceAsync;
import com.openai.services.async.CompletionServiceAsync;
import com.openai.services.async.EmbeddingServiceAsync;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import com.openai.services.blocking.ChatService;
import com.openai.services.blocking.CompletionService;
import com.openai.services.blocking.EmbeddingService;
import com.openai.services.blocking.ResponseService;
import com.openai.services.blocking.chat.ChatCompletionService;
import dev.aitrace.internal.SelfLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dynamic proxy behind a traced client: it stands in for the client and for the services on the
 * way to an AI call (chat, chat completions, responses, embeddings, completions, their {@code
 * withRawResponse()} and {@code withOptions()} views, {@code async()} and {@code sync()}), traces
 * their {@code create} and {@code createStreaming} calls, and hands every other call to the real
 * object untouched. Being a proxy, it keeps working when openai-java adds methods. Immutable.
 */
final class TracingHandler implements InvocationHandler {
  private static final Set<Class<?>> ASYNC =
      Set.of(OpenAIClientAsync.class, OpenAIClientAsync.WithRawResponse.class,
          ChatServiceAsync.class, ChatServiceAsync.WithRawResponse.class,
          ChatCompletionServiceAsync.class, ChatCompletionServiceAsync.WithRawResponse.class,
          ResponseServiceAsync.class, ResponseServiceAsync.WithRawResponse.class,
          EmbeddingServiceAsync.class, EmbeddingServiceAsync.WithRawResponse.class,
          CompletionServiceAsync.class, CompletionServiceAsync.WithRawResponse.class);
  private static final Set<Class<?>> SYNC =
      Set.of(OpenAIClient.class, OpenAIClient.WithRawResponse.class,
          ChatService.class, ChatService.WithRawResponse.class,
          ChatCompletionService.class, ChatCompletionService.WithRawResponse.class,
          ResponseService.class, ResponseService.WithRawResponse.class,
          EmbeddingService.class, EmbeddingService.WithRawResponse.class,
          CompletionService.class, CompletionService.WithRawResponse.class);

  final Object delegate;
  final Class<?> type;
  final OpenAiTracing tracing;
  final boolean async;
  final boolean raw;
  private volatile Object rawDelegate;
  /** The raw-response view's method for each traced method of this proxy's type. */
  private final Map<Method, RawMethod> rawMethods = new ConcurrentHashMap<>();
  /** The last service each service-returning method gave, and its proxy: {@code chat()} is one object. */
  private final Map<Method, Child> children = new ConcurrentHashMap<>();

  /** A service the delegate returned, and the proxy that stands in for it. */
  private record Child(Object delegate, Object proxy) {}

  /** The raw-response view's {@code name(params, options)} for one class of params. */
  private record RawMethod(Class<?> params, Method method) {}

  private TracingHandler(Object delegate, Class<?> type, OpenAiTracing tracing) {
    this.delegate = delegate;
    this.type = type;
    this.tracing = tracing;
    this.async = ASYNC.contains(type);
    this.raw = type.getSimpleName().equals("WithRawResponse");
  }

  static <T> T proxy(Class<T> type, T delegate, OpenAiTracing tracing) {
    if (Proxy.isProxyClass(delegate.getClass()) && Proxy.getInvocationHandler(delegate) instanceof TracingHandler) {
      return delegate; // already traced: wrapping twice would record every call twice
    }
    Object proxy =
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
            new TracingHandler(delegate, type, tracing));
    return type.cast(proxy);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args);
    }
    String name = method.getName();
    if (name.equals("create") || name.equals("createStreaming")) {
      if (method.isDefault()) {
        // overloads (no options, structured params) funnel into the traced (params, options) method
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      if (args != null && args.length == 2 && args[1] instanceof RequestOptions) {
        AiApi<?, ?, ?> api = AiApis.forParams(args[0]);
        boolean stream = name.equals("createStreaming");
        // an async stream is made by the service itself: its raw view returns a different type
        boolean direct = async && stream && !raw;
        Object target = api == null ? null : direct ? delegate : rawDelegate();
        Method call = api == null || target == null ? null : direct ? method : rawMethod(method, name, args[0]);
        if (call != null) {
          return CallRunner.run(this, api, stream, args[0], (RequestOptions) args[1], target, call);
        }
      }
    }
    Object result = forward(delegate, method, args);
    Class<?> returned = method.getReturnType();
    if (result != null && (SYNC.contains(returned) || ASYNC.contains(returned))) {
      return child(method, returned, result);
    }
    return result;
  }

  /**
   * The proxy for a service the delegate returned. openai-java hands out the same service object on
   * every {@code chat()} or {@code completions()}, so its proxy is made once and handed out again;
   * a different object (say, from {@code withOptions(...)}) gets a new proxy.
   */
  private Object child(Method method, Class<?> returned, Object result) {
    Child known = children.get(method);
    if (known != null && known.delegate == result) {
      return known.proxy;
    }
    Object wrapped = proxy(cast(returned), result, tracing);
    children.put(method, new Child(result, wrapped));
    return wrapped;
  }

  /**
   * The raw-response view of the delegate, where traced calls are made so that the response headers
   * can be read; null (the call then passes through untraced) if this openai-java has none.
   */
  private Object rawDelegate() {
    Object view = rawDelegate;
    if (view == null) {
      try {
        view = raw ? delegate : forward(delegate, type.getMethod("withRawResponse"), null);
        rawDelegate = view;
      } catch (Throwable t) {
        SelfLog.fault("openai.rawView", t);
        return null;
      }
    }
    return view;
  }

  /** {@code name(params, options)} of the raw-response view, or null if this openai-java has none. */
  private Method rawMethod(Method traced, String name, Object params) {
    RawMethod known = rawMethods.get(traced);
    if (known != null && known.params == params.getClass()) {
      return known.method;
    }
    try {
      Class<?> rawType = raw ? type : type.getMethod("withRawResponse").getReturnType();
      Method method = rawType.getMethod(name, params.getClass(), RequestOptions.class);
      rawMethods.put(traced, new RawMethod(params.getClass(), method));
      return method;
    } catch (NoSuchMethodException | RuntimeException e) {
      SelfLog.fault("openai.rawMethod", e);
      return null;
    }
  }

  static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Object objectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return delegate.toString();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> cast(Class<?> type) {
    return (Class<T>) type;
  }
}
