package dev.aitrace.servlet;

import java.util.Locale;
import java.util.Set;

/**
 * Replaces the values of query parameters that carry credentials with {@code REDACTED}, as the
 * OpenTelemetry semantic conventions ask for {@code url.query}: the signature parameters they list
 * and the usual token and key names. Parameter names compare case-insensitively.
 */
final class QueryRedactor {
  static final String REDACTED = "REDACTED";
  private static final Set<String> SECRET_NAMES =
      Set.of(
          "awsaccesskeyid", "signature", "sig", "x-goog-signature", "x-amz-signature", "x-amz-credential",
          "x-amz-security-token", "access_token", "id_token", "refresh_token", "token", "api_key", "apikey",
          "api-key", "key", "password", "passwd", "secret", "client_secret", "code");

  private QueryRedactor() {}

  static String redact(String query) {
    StringBuilder out = new StringBuilder(query.length());
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      String pair = query.substring(start, end);
      int eq = pair.indexOf('=');
      if (eq > 0 && SECRET_NAMES.contains(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
        out.append(pair, 0, eq + 1).append(REDACTED);
      } else {
        out.append(pair);
      }
      if (end < query.length()) {
        out.append('&');
      }
      start = end + 1;
    }
    return out.toString();
  }
}
