package dev.aitrace.export.otlp;

import java.util.Locale;
import okhttp3.HttpUrl;

/** Turns configured OTLP endpoints into the URL spans are posted to, failing on anything malformed. */
final class OtlpEndpoint {
  static final String DEFAULT_BASE = "http://localhost:4318";
  private static final String TRACES_PATH = "v1/traces";

  private OtlpEndpoint() {}

  /**
   * A signal-specific endpoint such as {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}: used as it is.
   *
   * @throws IllegalArgumentException naming the key and the value unless it is an http(s) URL with a host
   */
  static HttpUrl traces(String key, String value) {
    return parse(key, value);
  }

  /**
   * A base endpoint such as {@code OTEL_EXPORTER_OTLP_ENDPOINT}: {@code v1/traces} is appended to its
   * path, as the OTLP exporter specification asks.
   */
  static HttpUrl base(String key, String value) {
    HttpUrl base = parse(key, value);
    String path = base.encodedPath();
    return base.newBuilder()
        .encodedPath(path.endsWith("/") ? path + TRACES_PATH : path + "/" + TRACES_PATH)
        .build();
  }

  private static HttpUrl parse(String key, String value) {
    String trimmed = value.trim();
    String scheme = trimmed.contains("://")
        ? trimmed.substring(0, trimmed.indexOf("://")).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          key + " must be an http:// or https:// URL, was '" + value + "'");
    }
    String afterScheme = trimmed.substring(scheme.length() + 3);
    // OkHttp forgives "http:///path" by taking "path" as the host; a missing host is an error here
    boolean hostMissing = afterScheme.isEmpty() || "/?#@:".indexOf(afterScheme.charAt(0)) >= 0;
    HttpUrl url = hostMissing ? null : HttpUrl.parse(trimmed);
    if (url == null || url.host().isEmpty()) {
      throw new IllegalArgumentException(key + " is not a valid URL with a host, was '" + value + "'");
    }
    if (url.username().length() > 0 || url.password().length() > 0) {
      // credentials in the URL would end up in logs and error messages; headers are the place for them
      throw new IllegalArgumentException(
          key + " must not carry credentials in the URL; use OTEL_EXPORTER_OTLP_HEADERS, was '"
              + url.newBuilder().username("").password("").build() + "'");
    }
    return url;
  }
}
