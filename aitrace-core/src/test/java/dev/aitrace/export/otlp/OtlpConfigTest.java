package dev.aitrace.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.internal.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad OTLP configuration fails at build, naming the key and the value, never echoing a secret. */
class OtlpConfigTest {
  private static OtlpHttpSpanExporterBuilder fromConfig(String... keyValues) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return OtlpHttpSpanExporter.builder().fromConfig(Config.of(map));
  }

  @Test
  void defaults_postToLocalCollector() {
    assertThat(fromConfig().build().endpoint()).isEqualTo("http://localhost:4318/v1/traces");
  }

  @Test
  void baseEndpoint_getsTracesPathAppended_keepingItsOwnPath() {
    assertThat(fromConfig("OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example.com:4318").build().endpoint())
        .isEqualTo("https://otlp.example.com:4318/v1/traces");
    assertThat(fromConfig("OTEL_EXPORTER_OTLP_ENDPOINT", "https://cloud.example.com/api/public/otel").build().endpoint())
        .isEqualTo("https://cloud.example.com/api/public/otel/v1/traces");
  }

  @Test
  void malformedEndpoints_failNamingKeyAndValue() {
    for (String bad : new String[] {"not a url", "ftp://collector:21/v1/traces", "http://", "localhost:4318"}) {
      assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_ENDPOINT", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT")
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http:///v1/traces"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").hasMessageContaining("http:///v1/traces");
  }

  @Test
  void credentialsInTheUrl_areRejected_withoutEchoingThem() {
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_ENDPOINT", "https://user:hunter2secret@otlp.example.com"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT")
        .hasMessageNotContaining("hunter2secret");
  }

  @Test
  void malformedHeaders_failNamingKey_withoutEchoingTheSecret() {
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_HEADERS", "Authorization Bearer sk-live-1234567890"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS")
        .hasMessageContaining("Aut")
        .hasMessageNotContaining("sk-live-1234567890");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "api-key=abc%zzdefghijkl"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_HEADERS")
        .hasMessageContaining("percent")
        .hasMessageNotContaining("defghijkl");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_HEADERS", "bad name=v"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS").hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_HEADERS", "x-key=line%0Abreak-secret-value"))
        .hasMessageContaining("x-key").hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%C3%A9cret-value-long"))
        .hasMessageContaining("non-ASCII").hasMessageContaining("api-key").hasMessageNotContaining("cret-value");
  }

  @Test
  void tracesHeaders_winOverGeneralHeaders() {
    Map<String, String> headers = fromConfig(
        "OTEL_EXPORTER_OTLP_HEADERS", "a=1",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2").headers;
    assertThat(headers).containsExactly(Map.entry("b", "2"));
  }

  @Test
  void badCompressionAndTimeout_failNamingKeyAndValue() {
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_COMPRESSION").hasMessageContaining("'zstd'");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "-5"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT").hasMessageContaining("'-5'");
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_TIMEOUT", "ten"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT").hasMessageContaining("'ten'");
    assertThat(fromConfig("OTEL_EXPORTER_OTLP_TIMEOUT", "2500").timeout).hasMillis(2500);
  }

  @Test
  void grpcProtocol_failsNamingKeyAndValue_httpProtocolsAreAccepted() {
    assertThatThrownBy(() -> fromConfig("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL").hasMessageContaining("'grpc'");
    assertThat(fromConfig("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf").build().endpoint())
        .isEqualTo("http://localhost:4318/v1/traces");
    assertThat(fromConfig("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json").build()).isNotNull();
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates() {
    long now = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
    assertThat(RetryPolicy.retryAfterNanos("3", now)).isEqualTo(3_000_000_000L);
    assertThat(RetryPolicy.retryAfterNanos("Tue, 14 Nov 2023 22:13:25 GMT", now)).isEqualTo(5_000_000_000L);
    assertThat(RetryPolicy.retryAfterNanos("Tue, 14 Nov 2023 22:00:00 GMT", now)).isZero();
    assertThat(RetryPolicy.retryAfterNanos("soon", now)).isEqualTo(-1);
    assertThat(RetryPolicy.retryAfterNanos(null, now)).isEqualTo(-1);
  }

  @Test
  void backoff_growsUpToItsCap_withJitterInsideTheBound() {
    RetryPolicy policy = new RetryPolicy(5, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200));
    assertThat(policy.backoffNanos(1)).isEqualTo(100_000_000L);
    assertThat(policy.backoffNanos(2)).isEqualTo(150_000_000L);
    assertThat(policy.backoffNanos(5)).isEqualTo(200_000_000L);
    for (int i = 0; i < 100; i++) {
      assertThat(policy.jitteredNanos(2)).isBetween(75_000_000L, 150_000_000L);
    }
    assertThat(RetryPolicy.isRetryable(429)).isTrue();
    assertThat(RetryPolicy.isRetryable(400)).isFalse();
    assertThat(RetryPolicy.isRetryable(500)).isFalse();
  }
}
