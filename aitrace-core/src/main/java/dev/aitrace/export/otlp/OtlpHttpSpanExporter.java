package dev.aitrace.export.otlp;

import dev.aitrace.export.ExportResult;
import dev.aitrace.export.SpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.internal.SelfLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spans to an OpenTelemetry collector, or any backend that speaks OTLP/HTTP with JSON
 * (Jaeger, Grafana Tempo, Langfuse, ...), by posting them to {@code /v1/traces}. Retries 429, 502,
 * 503, 504 and connection failures with exponential backoff and jitter, honouring {@code
 * Retry-After}, all within the export timeout; never retries other answers. Header values (API
 * keys) are sent, never logged.
 *
 * <p>Thread-safe; aitrace calls it from its single export thread.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder()
 *     .addExporter(OtlpHttpSpanExporter.builder()
 *         .endpoint("http://localhost:4318/v1/traces")
 *         .build())
 *     .build();
 * }</pre>
 */
public final class OtlpHttpSpanExporter implements SpanExporter {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpSpanExporter.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final HttpUrl endpoint;
  private final String safeEndpoint;
  private final Headers headers;
  private final boolean gzip;
  private final long timeoutNanos;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final RetryPolicy retry;
  private final OtlpJsonEncoder encoder = OtlpJsonEncoder.create();
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private volatile Call current;
  private long nextWarnNanos = System.nanoTime();

  OtlpHttpSpanExporter(OtlpHttpSpanExporterBuilder b) {
    this.endpoint = b.endpoint;
    // the query string may hold a token; logs show scheme, host, port and path only
    this.safeEndpoint = endpoint.newBuilder().query(null).fragment(null).build().toString();
    Headers.Builder h = new Headers.Builder();
    b.headers.forEach(h::set);
    h.set("User-Agent", "aitrace-java OTLP/HTTP-JSON");
    if (b.gzip) {
      h.set("Content-Encoding", "gzip");
    }
    this.headers = h.build();
    this.gzip = b.gzip;
    this.timeoutNanos = b.timeout.toNanos();
    this.ownsClient = b.client == null;
    this.client = ownsClient ? new OkHttpClient.Builder().callTimeout(b.timeout).build() : b.client;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff);
  }

  public static OtlpHttpSpanExporterBuilder builder() {
    return new OtlpHttpSpanExporterBuilder();
  }

  /** The URL spans are posted to, without its query string. */
  public String endpoint() {
    return safeEndpoint;
  }

  @Override
  public synchronized ExportResult export(Collection<SpanRecord> batch) {
    if (shutdown.getCount() == 0) {
      return ExportResult.FAILURE;
    }
    if (batch.isEmpty()) {
      return ExportResult.SUCCESS;
    }
    Request request;
    try {
      request = new Request.Builder().url(endpoint).headers(headers).post(body(batch)).build();
    } catch (IOException | RuntimeException e) {
      SelfLog.fault("OtlpHttpSpanExporter encode", e);
      return ExportResult.FAILURE;
    }
    return send(request, batch.size());
  }

  private RequestBody body(Collection<SpanRecord> batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 512 * batch.size());
    if (gzip) {
      try (GZIPOutputStream zip = new GZIPOutputStream(bytes, 8192)) {
        encoder.encode(batch, zip);
      }
    } else {
      encoder.encode(batch, bytes);
    }
    return RequestBody.create(bytes.toByteArray(), JSON);
  }

  private ExportResult send(Request request, int spans) {
    long deadline = System.nanoTime() + timeoutNanos;
    for (int attempt = 1; ; attempt++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        warn("gave up on {} spans after {} attempt(s): export timeout reached", spans, attempt - 1);
        return ExportResult.FAILURE;
      }
      long waitNanos;
      Call call = client.newCall(request);
      call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
      current = call;
      try (Response response = call.execute()) {
        int code = response.code();
        OtlpResponse answer = OtlpResponse.parse(read(response.body()));
        if (response.isSuccessful()) {
          if (answer.rejectedSpans > 0 || !answer.message.isEmpty()) {
            warn("collector accepted the batch partially: {} of {} spans rejected: {}",
                answer.rejectedSpans, spans, answer.message);
          } else if (!answer.readable) {
            LOG.debug("collector answered {} with an {}", code, answer.message);
          }
          return ExportResult.SUCCESS;
        }
        if (!RetryPolicy.isRetryable(code) || attempt >= retry.maxAttempts) {
          warn("collector answered HTTP {} for {} spans ({}); not retrying", code, spans, answer.message);
          return ExportResult.FAILURE;
        }
        long asked = RetryPolicy.retryAfterNanos(response.header("Retry-After"), System.currentTimeMillis());
        waitNanos = asked >= 0 ? asked : retry.jitteredNanos(attempt);
      } catch (IOException e) {
        // interrupted: the pipeline gave up on this call, so retrying would only outlive it
        boolean stop = shutdown.getCount() == 0 || Thread.currentThread().isInterrupted();
        if (stop || attempt >= retry.maxAttempts) {
          warn("could not reach the collector for {} spans: {}", spans, e.toString());
          return ExportResult.FAILURE;
        }
        waitNanos = retry.jitteredNanos(attempt);
      } finally {
        current = null;
      }
      if (System.nanoTime() + waitNanos >= deadline) {
        warn("gave up on {} spans: the next retry would pass the export timeout", spans);
        return ExportResult.FAILURE;
      }
      if (!pause(waitNanos)) {
        return ExportResult.FAILURE;
      }
    }
  }

  /** Waits before a retry; false if the exporter was shut down or the thread interrupted meanwhile. */
  private boolean pause(long nanos) {
    try {
      return !shutdown.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * At most 64 KiB of the answer. A body that breaks off is read as empty: the status line has
   * already said whether the spans were taken, and retrying a batch the collector accepted would
   * duplicate it.
   */
  private static byte[] read(ResponseBody body) {
    try (InputStream in = body.byteStream()) {
      return in.readNBytes(MAX_RESPONSE_BYTES);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** Logs at most one warning every 30 seconds, so that a long outage does not flood the log. */
  private void warn(String message, Object... args) {
    long now = System.nanoTime();
    if (now - nextWarnNanos >= 0) {
      nextWarnNanos = now + TimeUnit.SECONDS.toNanos(30);
      LOG.warn("aitrace OTLP export to " + safeEndpoint + ": " + message, args);
    }
  }

  @Override
  public void shutdown() {
    shutdown.countDown();
    Call call = current;
    if (call != null) {
      call.cancel();
    }
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "OtlpHttpSpanExporter{endpoint=" + endpoint + ", gzip=" + gzip + "}";
  }
}
