package dev.aitrace.export.otlp;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.Config;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Configures an {@link OtlpHttpSpanExporter}. Every setter checks its argument at once and fails
 * with an {@link IllegalArgumentException} that names the bad value (header values are masked, as
 * they are usually secrets). Not thread-safe.
 *
 * <pre>{@code
 * OtlpHttpSpanExporter otlp = OtlpHttpSpanExporter.builder()
 *     .endpoint("https://otlp.example.com/v1/traces")
 *     .addHeader("Authorization", "Bearer " + token)
 *     .compression("gzip")
 *     .build();
 * }</pre>
 */
public final class OtlpHttpSpanExporterBuilder {
  HttpUrl endpoint = OtlpEndpoint.base("endpoint", OtlpEndpoint.DEFAULT_BASE);
  final Map<String, String> headers = new LinkedHashMap<>();
  boolean gzip;
  Duration timeout = Duration.ofSeconds(10);
  OkHttpClient client;
  int maxAttempts = 5;
  Duration initialBackoff = Duration.ofSeconds(1);
  Duration maxBackoff = Duration.ofSeconds(5);

  OtlpHttpSpanExporterBuilder() {}

  /** The full URL spans are posted to, such as {@code http://localhost:4318/v1/traces}. */
  public OtlpHttpSpanExporterBuilder endpoint(String tracesUrl) {
    this.endpoint = OtlpEndpoint.traces("endpoint", requireNonNull(tracesUrl, "tracesUrl"));
    return this;
  }

  /** Adds a header sent with every request, such as an API key. Its value is never logged. */
  public OtlpHttpSpanExporterBuilder addHeader(String name, String value) {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    OtlpHeaders.check("header", name, value);
    headers.put(name, value);
    return this;
  }

  /** {@code gzip} or {@code none} (the default). */
  public OtlpHttpSpanExporterBuilder compression(String compression) {
    this.gzip = parseCompression("compression", requireNonNull(compression, "compression"));
    return this;
  }

  /** Longest time one export may take, retries included. Default 10 seconds. */
  public OtlpHttpSpanExporterBuilder timeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The OkHttp client to send with, for proxies, TLS settings or a shared connection pool. By
   * default the exporter makes its own. A client given here is not shut down by the exporter.
   */
  public OtlpHttpSpanExporterBuilder client(OkHttpClient client) {
    this.client = requireNonNull(client, "client");
    return this;
  }

  /**
   * How often and how patiently to retry 429, 502, 503, 504 and connection failures: at most {@code
   * maxAttempts} attempts in all, waits growing 1.5-fold from {@code initial} up to {@code max}, with
   * jitter. Defaults 5, 1 s, 5 s. Whatever the policy, an export ends within the {@link #timeout}.
   */
  public OtlpHttpSpanExporterBuilder retry(int maxAttempts, Duration initial, Duration max) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be positive, was " + maxAttempts);
    }
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "retry backoff needs 0 < initial <= max, was initial=" + initial + ", max=" + max);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initial;
    this.maxBackoff = max;
    return this;
  }

  /**
   * Reads the OpenTelemetry exporter keys over what is set so far: {@code
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as is) or {@code OTEL_EXPORTER_OTLP_ENDPOINT} ({@code
   * /v1/traces} appended), {@code OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL} ({@code http/json}; {@code
   * http/protobuf} is accepted and served as JSON), {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}, {@code
   * OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION} and {@code OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT}
   * (milliseconds). The traces key wins over the general one.
   *
   * @throws IllegalArgumentException naming the key and the value when one is invalid
   */
  public OtlpHttpSpanExporterBuilder fromConfig(Function<String, String> config) {
    requireNonNull(config, "config");
    String value;
    if ((value = config.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) != null) {
      endpoint = OtlpEndpoint.traces("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", value);
    } else if ((value = config.apply("OTEL_EXPORTER_OTLP_ENDPOINT")) != null) {
      endpoint = OtlpEndpoint.base("OTEL_EXPORTER_OTLP_ENDPOINT", value);
    }
    String key = pick(config, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
    if (key != null) {
      checkProtocol(key, config.apply(key));
    }
    key = pick(config, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS");
    if (key != null) {
      headers.putAll(OtlpHeaders.parse(key, config.apply(key)));
    }
    key = pick(config, "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
    if (key != null) {
      gzip = parseCompression(key, config.apply(key));
    }
    key = pick(config, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT");
    if (key != null) {
      timeout = Duration.ofMillis(Config.positiveInt(key, config.apply(key)));
    }
    return this;
  }

  public OtlpHttpSpanExporter build() {
    return new OtlpHttpSpanExporter(this);
  }

  private static String pick(Function<String, String> config, String specific, String general) {
    if (config.apply(specific) != null) {
      return specific;
    }
    return config.apply(general) != null ? general : null;
  }

  /**
   * This exporter speaks OTLP over HTTP with JSON. Collectors take JSON and protobuf on the same
   * port, so {@code http/protobuf} (OpenTelemetry's default) is served with JSON too; {@code grpc}
   * needs a different transport and fails.
   */
  private static void checkProtocol(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("http/json") && !v.equals("http/protobuf")) {
      throw new IllegalArgumentException(key + " must be http/json or http/protobuf for the otlp"
          + " exporter (for grpc, wrap OpenTelemetry's OtlpGrpcSpanExporter with"
          + " OtelSpanExporterAdapter), was '" + value + "'");
    }
  }

  private static boolean parseCompression(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("gzip") || v.equals("none")) {
      return v.equals("gzip");
    }
    throw new IllegalArgumentException(key + " must be gzip or none, was '" + value + "'");
  }
}
