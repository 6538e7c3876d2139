package dev.aitrace.http;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Makes a URL safe to record as {@code url.full}: user name and password become {@code REDACTED}
 * (as the HTTP semantic conventions ask), the fragment is dropped, and the value of every query
 * parameter whose name looks like a credential or signature becomes {@code REDACTED}. Parameter
 * names and order are kept, so the URL still says what was called.
 *
 * <p>Redacted names, compared without case: {@code AWSAccessKeyId}, {@code Signature}, {@code sig},
 * {@code X-Goog-Signature}, {@code X-Amz-Signature}, {@code X-Amz-Credential}, {@code
 * X-Amz-Security-Token}, {@code key}, {@code code}, {@code auth}, {@code jwt}, {@code session}, and
 * any name containing {@code token}, {@code secret}, {@code password}, {@code passwd}, {@code
 * apikey}, {@code api_key}, {@code api-key}, {@code signature} or {@code credential}.
 */
final class UrlRedactor {
  static final String REDACTED = "REDACTED";
  private static final Set<String> EXACT =
      Set.of("awsaccesskeyid", "sig", "key", "code", "auth", "jwt", "session", "x-goog-signature",
          "x-amz-security-token");
  private static final String[] PARTS =
      {"token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "signature", "credential"};

  private UrlRedactor() {}

  static String redact(HttpUrl url) {
    HttpUrl.Builder builder = url.newBuilder().fragment(null);
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      builder.username(REDACTED).password(REDACTED);
    }
    String query = url.encodedQuery();
    if (query != null) {
      builder.encodedQuery(redactQuery(query));
    }
    return builder.build().toString();
  }

  static String redactQuery(String encodedQuery) {
    StringBuilder out = new StringBuilder(encodedQuery.length());
    String[] pairs = encodedQuery.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (i > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.append(name);
      if (eq >= 0) {
        out.append('=').append(isSecret(decodeName(name)) ? REDACTED : pair.substring(eq + 1));
      }
    }
    return out.toString();
  }

  static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (EXACT.contains(n)) {
      return true;
    }
    for (String part : PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static String decodeName(String encoded) {
    if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
      return encoded;
    }
    HttpUrl parsed = HttpUrl.parse("http://h/?" + encoded + "=");
    return parsed == null || parsed.querySize() == 0 ? encoded : parsed.queryParameterName(0);
  }
}
