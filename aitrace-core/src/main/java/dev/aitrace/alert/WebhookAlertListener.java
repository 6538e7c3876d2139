package dev.aitrace.alert;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts each alert as JSON to a webhook (Slack-style incoming hooks, PagerDuty bridges, an internal
 * service) over OkHttp. {@link #onAlert} only puts the alert in a bounded queue and returns: one
 * background thread sends, retrying connection failures, 429 and 5xx answers with exponential
 * backoff. When the webhook is down the app carries on; alerts that do not fit the queue are dropped
 * and counted, and alerts that fail every attempt are counted as failed. Thread-safe.
 *
 * <pre>{@code
 * WebhookAlertListener webhook = WebhookAlertListener.builder("https://hooks.example.com/ai-spend")
 *     .header("Authorization", "Bearer " + System.getenv("HOOK_TOKEN"))
 *     .build();
 * AiTrace aiTrace = AiTrace.builder().addAlertListener(webhook).build();
 * }</pre>
 */
public final class WebhookAlertListener implements AlertListener {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl url;
  private final OkHttpClient client;
  private final Map<String, String> headers;
  private final int maxAttempts;
  private final long backoffMillis;
  private final BlockingQueue<Alert> queue;
  private final Thread sender;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean closed;
  private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

  private WebhookAlertListener(Builder b) {
    this.url = b.url;
    this.client = b.client;
    this.headers = Map.copyOf(b.headers);
    this.maxAttempts = b.maxAttempts;
    this.backoffMillis = b.backoff.toMillis();
    this.queue = new ArrayBlockingQueue<>(b.maxQueueSize);
    this.sender = new Thread(this::run, "aitrace-alert-webhook");
    sender.setDaemon(true);
    sender.start();
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** Queues the alert for sending and returns at once; drops it, counted, if the queue is full. */
  @Override
  public void onAlert(Alert alert) {
    if (closed || !queue.offer(alert)) {
      dropped.increment();
    }
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      try {
        Alert alert = queue.poll(100, TimeUnit.MILLISECONDS);
        if (alert != null) {
          send(alert);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        SelfLog.fault("WebhookAlertListener.send", t);
      }
    }
  }

  private void send(Alert alert) throws InterruptedException {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(AlertJson.write(alert), JSON));
    headers.forEach(request::header);
    Request built = request.build();
    long backoff = backoffMillis;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      int status;
      try (Response response = client.newCall(built).execute()) {
        status = response.code();
      } catch (IOException e) {
        status = -1;
      }
      if (status >= 200 && status < 300) {
        delivered.increment();
        return;
      }
      boolean retryable = status == -1 || status == 429 || status >= 500;
      if (!retryable || attempt == maxAttempts || closed) {
        break;
      }
      if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
        break; // closing: no more retries
      }
      backoff *= 2;
    }
    failed.increment();
    SelfLog.warnOnce("aitrace.alert.webhook:" + url,
        "aitrace: alert webhook {} is not accepting alerts; failures are counted from now on", url.redact());
  }

  /** Alerts the webhook accepted (2xx). */
  public long deliveredCount() {
    return delivered.sum();
  }

  /** Alerts that failed every attempt, or were refused with a 4xx other than 429. */
  public long failedCount() {
    return failed.sum();
  }

  /** Alerts dropped because the queue was full or the listener closed. */
  public long droppedCount() {
    return dropped.sum();
  }

  /** Alerts waiting to be sent. */
  public int queued() {
    return queue.size();
  }

  /** Stops taking alerts, sends what is queued (one attempt each from now on), waits up to 5 seconds. */
  @Override
  public void close() {
    closed = true;
    closing.countDown();
    try {
      sender.join(5_000);
      if (sender.isAlive()) {
        sender.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "WebhookAlertListener{" + url.redact() + "}";
  }

  /** Configures a {@link WebhookAlertListener}. Not thread-safe. */
  public static final class Builder {
    private final HttpUrl url;
    private OkHttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int maxAttempts = 3;
    private Duration backoff = Duration.ofMillis(500);
    private int maxQueueSize = 1_000;

    private Builder(String url) {
      requireNonNull(url, "url");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("webhook url must be an http or https URL, was '" + url + "'");
      }
      this.url = parsed;
    }

    /** The client to send with; default a client with 5-second timeouts. */
    public Builder client(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Adds a header to every post, such as a token; header values are never logged. */
    public Builder header(String name, String value) {
      headers.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Attempts per alert, the first included; default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait before the first retry, doubled for each next one; default 500 ms. */
    public Builder backoff(Duration backoff) {
      requireNonNull(backoff, "backoff");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
      }
      this.backoff = backoff;
      return this;
    }

    /** Alerts that may wait for sending; more are dropped and counted. Default 1,000. */
    public Builder maxQueueSize(int maxQueueSize) {
      if (maxQueueSize < 1) {
        throw new IllegalArgumentException("maxQueueSize must be at least 1, was " + maxQueueSize);
      }
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    public WebhookAlertListener build() {
      if (client == null) {
        client = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(10))
            .build();
      }
      return new WebhookAlertListener(this);
    }
  }
}
