package dev.aitrace.examples.fakeopenai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI API stand-in on a local port, for demos and tests: {@code POST /v1/chat/completions}
 * (JSON and streamed) and {@code POST /v1/embeddings} in the real wire formats, so the real
 * openai-java client talks to it unchanged. Answers are derived from the prompts (the same request
 * gets the same answer); token usage is computed from the request, with prompt-cache hits for
 * repeated system prompts and reasoning tokens for o-series models; every response carries {@code
 * x-request-id} and {@code x-ratelimit-*} headers, and every {@code throttleEvery}-th request gets a
 * 429 with {@code retry-after}. Thread-safe; close it to stop.
 *
 * <pre>{@code
 * try (FakeOpenAiServer fake = FakeOpenAiServer.builder().build().start()) {
 *   OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-fake").build();
 *   ...
 * }
 * }</pre>
 */
public final class FakeOpenAiServer implements AutoCloseable {
  private final Builder settings;
  private final RateLimits limits;
  private HttpServer server;
  private ExecutorService executor;

  private FakeOpenAiServer(Builder settings) {
    this.settings = settings;
    this.limits = new RateLimits(settings.throttleEvery, settings.retryAfter);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds to 127.0.0.1 and starts serving.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public synchronized FakeOpenAiServer start() {
    if (server != null) {
      throw new IllegalStateException("already started on " + baseUrl());
    }
    JsonFactory json = new JsonFactory();
    TokenCounter counter = new TokenCounter();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the fake OpenAI server to port " + settings.port, e);
    }
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(settings.threads, r -> {
      Thread t = new Thread(r, "fake-openai-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    long firstToken = settings.firstTokenLatency.toMillis();
    long chunk = settings.chunkDelay.toMillis();
    server.createContext("/v1/chat/completions", new ChatCompletionsHandler(json, counter, limits, firstToken, chunk));
    server.createContext("/v1/embeddings", new EmbeddingsHandler(json, limits, firstToken));
    server.start();
    return this;
  }

  /** The base URL to give an OpenAI client, ending in {@code /v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    return s.getAddress().getPort();
  }

  /** Requests received so far, throttled ones included. */
  public long requestCount() {
    return limits.requests();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
  }

  /** Settings of a {@link FakeOpenAiServer}. Not thread-safe. */
  public static final class Builder {
    private int port;
    private int threads = 16;
    private Duration firstTokenLatency = Duration.ofMillis(150);
    private Duration chunkDelay = Duration.ofMillis(6);
    private int throttleEvery = 11;
    private Duration retryAfter = Duration.ofMillis(200);

    private Builder() {}

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Requests served at once. Default 16. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Time before the first chunk of a stream, and the base latency of every answer. Default 150 ms. */
    public Builder firstTokenLatency(Duration firstTokenLatency) {
      this.firstTokenLatency = nonNegative("firstTokenLatency", firstTokenLatency);
      return this;
    }

    /** Time between two chunks of a stream (an unstreamed answer takes as long in total). Default 6 ms. */
    public Builder chunkDelay(Duration chunkDelay) {
      this.chunkDelay = nonNegative("chunkDelay", chunkDelay);
      return this;
    }

    /** Every n-th request is answered with 429; 0 never throttles. Default 11. */
    public Builder throttleEvery(int throttleEvery) {
      if (throttleEvery < 0 || throttleEvery == 1) {
        throw new IllegalArgumentException("throttleEvery must be 0 (never) or at least 2: " + throttleEvery);
      }
      this.throttleEvery = throttleEvery;
      return this;
    }

    /** The {@code retry-after} of a 429. Default 200 ms. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = nonNegative("retryAfter", retryAfter);
      return this;
    }

    /** Latencies that keep tests fast: nothing waits. */
    public Builder noLatency() {
      this.firstTokenLatency = Duration.ZERO;
      this.chunkDelay = Duration.ZERO;
      this.retryAfter = Duration.ofMillis(1);
      return this;
    }

    public FakeOpenAiServer build() {
      return new FakeOpenAiServer(copy());
    }

    private Builder copy() {
      Builder b = new Builder();
      b.port = port;
      b.threads = threads;
      b.firstTokenLatency = firstTokenLatency;
      b.chunkDelay = chunkDelay;
      b.throttleEvery = throttleEvery;
      b.retryAfter = retryAfter;
      return b;
    }

    private static Duration nonNegative(String name, Duration value) {
      requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + value);
      }
      return value;
    }
  }
}
