package dev.aitrace.openai;

import static java.util.Objects.requireNonNull;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import dev.aitrace.AiTrace;
import dev.aitrace.internal.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a traced openai-java client ({@link #build()}, {@link #buildAsync()}) with aitrace's HTTP
 * layer below openai-java's retries, or wraps an existing one ({@link #wrap(OpenAIClient)}) with the
 * options set here. Reads {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} (and the rest of
 * openai-java's {@code fromEnv()} keys) and {@code AITRACE_CAPTURE_CONTENT}; what is set in code
 * wins. Setters check their argument at once. Not thread-safe; the clients it builds are.
 *
 * <pre>{@code
 * OpenAIClient openai = TracedOpenAI.builder(aiTrace)
 *     .maxRetries(3)
 *     .timeout(Duration.ofSeconds(30))
 *     .captureContent(true)                                   // off by default
 *     .redactor(text -> text.replaceAll("\\d{16}", "<card>"))
 *     .build();
 * }</pre>
 */
public final class TracedOpenAIBuilder {
  static final String CAPTURE_CONTENT = "AITRACE_CAPTURE_CONTENT";
  static final int DEFAULT_MAX_CONTENT_LENGTH = 16_384;

  private final AiTrace aiTrace;
  private Function<String, String> config = Config.systemAndEnvironment();
  private boolean fromEnvironment = true;
  private String apiKey;
  private String baseUrl;
  private Integer maxRetries;
  private Duration timeout;
  private final List<Consumer<ClientOptions.Builder>> clientOptions = new ArrayList<>();
  private Boolean captureContent;
  private ContentRedactor redactor = ContentRedactor.none();
  private int maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;

  TracedOpenAIBuilder(AiTrace aiTrace) {
    this.aiTrace = requireNonNull(aiTrace, "aiTrace");
  }

  /**
   * Reads {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID}, {@code
   * OPENAI_PROJECT_ID} and {@code AITRACE_CAPTURE_CONTENT} from {@code config} (null for unset)
   * instead of system properties and environment variables.
   */
  public TracedOpenAIBuilder fromConfig(Function<String, String> config) {
    this.config = requireNonNull(config, "config");
    this.fromEnvironment = false;
    return this;
  }

  public TracedOpenAIBuilder apiKey(String apiKey) {
    requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    this.apiKey = apiKey;
    return this;
  }

  /** Where the client sends requests; also what {@code server.address} says for wrapped clients. */
  public TracedOpenAIBuilder baseUrl(String baseUrl) {
    requireNonNull(baseUrl, "baseUrl");
    if (OpenAiTracing.parse(baseUrl) == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute URL, was '" + baseUrl + "'");
    }
    this.baseUrl = baseUrl;
    return this;
  }

  /** Retries after the first attempt (openai-java's default is 2). */
  public TracedOpenAIBuilder maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /** The timeout of each request (openai-java's default is 10 minutes). */
  public TracedOpenAIBuilder timeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** Any other openai-java client option; applied after the settings above. */
  public TracedOpenAIBuilder clientOptions(Consumer<ClientOptions.Builder> options) {
    clientOptions.add(requireNonNull(options, "options"));
    return this;
  }

  /** Records prompts and completions on the spans; off unless set here or by {@code AITRACE_CAPTURE_CONTENT=true}. */
  public TracedOpenAIBuilder captureContent(boolean captureContent) {
    this.captureContent = captureContent;
    return this;
  }

  /** Rewrites captured text before it is recorded. */
  public TracedOpenAIBuilder redactor(ContentRedactor redactor) {
    this.redactor = requireNonNull(redactor, "redactor");
    return this;
  }

  /** The most characters of captured text per attribute; the rest is cut. Default 16384. */
  public TracedOpenAIBuilder maxContentLength(int maxContentLength) {
    if (maxContentLength <= 0) {
      throw new IllegalArgumentException("maxContentLength must be positive, was " + maxContentLength);
    }
    this.maxContentLength = maxContentLength;
    return this;
  }

  /** A new traced client with every HTTP attempt recorded. */
  public OpenAIClient build() {
    OpenAiTracing tracing = tracing();
    return TracingHandler.proxy(OpenAIClient.class, new OpenAIClientImpl(clientOptions(tracing)), tracing);
  }

  /** A new traced asynchronous client with every HTTP attempt recorded. */
  public OpenAIClientAsync buildAsync() {
    OpenAiTracing tracing = tracing();
    return TracingHandler.proxy(OpenAIClientAsync.class, new OpenAIClientAsyncImpl(clientOptions(tracing)), tracing);
  }

  /** {@code client}, traced with the options set here (the client's own settings are kept). */
  public OpenAIClient wrap(OpenAIClient client) {
    return TracingHandler.proxy(OpenAIClient.class, requireNonNull(client, "client"), tracing());
  }

  /** {@code client}, traced with the options set here (the client's own settings are kept). */
  public OpenAIClientAsync wrap(OpenAIClientAsync client) {
    return TracingHandler.proxy(OpenAIClientAsync.class, requireNonNull(client, "client"), tracing());
  }

  private OpenAiTracing tracing() {
    boolean capture;
    if (captureContent != null) {
      capture = captureContent;
    } else {
      String value = config.apply(CAPTURE_CONTENT);
      capture = value != null && Config.bool(CAPTURE_CONTENT, value);
    }
    ContentCapture content = capture ? new ContentCapture(true, redactor, maxContentLength) : ContentCapture.OFF;
    return new OpenAiTracing(aiTrace, content, resolvedBaseUrl());
  }

  private String resolvedBaseUrl() {
    if (baseUrl != null) {
      return baseUrl;
    }
    String configured = config.apply("OPENAI_BASE_URL");
    return configured != null ? configured : ClientOptions.PRODUCTION_URL;
  }

  private ClientOptions clientOptions(OpenAiTracing tracing) {
    ClientOptions.Builder options = ClientOptions.builder();
    if (fromEnvironment) {
      options.fromEnv();
    } else {
      setIfPresent("OPENAI_API_KEY", options::apiKey);
      setIfPresent("OPENAI_BASE_URL", options::baseUrl);
      setIfPresent("OPENAI_ORG_ID", options::organization);
      setIfPresent("OPENAI_PROJECT_ID", options::project);
    }
    if (apiKey != null) {
      options.apiKey(apiKey);
    }
    if (baseUrl != null) {
      options.baseUrl(baseUrl);
    }
    if (maxRetries != null) {
      options.maxRetries(maxRetries);
    }
    if (timeout != null) {
      options.timeout(timeout);
    }
    clientOptions.forEach(option -> option.accept(options));
    Timeout resolved = options.timeout();
    return options.httpClient(new TracingHttpClient(OkHttpClient.builder().timeout(resolved).build(), tracing)).build();
  }

  private void setIfPresent(String key, Consumer<String> setter) {
    String value = config.apply(key);
    if (value != null) {
      setter.accept(value);
    }
  }
}
