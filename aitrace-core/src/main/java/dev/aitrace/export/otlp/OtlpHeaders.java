package dev.aitrace.export.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and checks request headers in the form of {@code OTEL_EXPORTER_OTLP_HEADERS}: a comma list of
 * {@code name=value} pairs, each side percent-decoded as in W3C baggage ({@code +} stays {@code +}).
 * Header values are usually secrets (API keys, bearer tokens), so error messages show at most their
 * first characters.
 */
final class OtlpHeaders {
  private OtlpHeaders() {}

  /**
   * Parses {@code value}, read from the configuration key {@code key}.
   *
   * @throws IllegalArgumentException naming the key and the entry (its value masked) when malformed
   */
  static Map<String, String> parse(String key, String value) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String entry : value.split(",", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            key + " has an entry that is not name=value: '" + mask(entry.trim()) + "'");
      }
      String name = decode(key, entry, entry.substring(0, eq).trim());
      String headerValue = decode(key, entry, entry.substring(eq + 1).trim());
      check(key, name, headerValue);
      headers.put(name, headerValue);
    }
    return headers;
  }

  /** Checks one header, whether it came from configuration or from code. */
  static void check(String key, String name, String value) {
    if (name.isEmpty() || !isToken(name)) {
      throw new IllegalArgumentException(
          key + " has an invalid header name '" + printable(name) + "' (value '" + mask(value) + "')");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) { // HTTP/1.1 header values: visible ASCII, space, tab
        throw new IllegalArgumentException(key + " has a control or non-ASCII character in the value of"
            + " header '" + name + "' ('" + mask(value) + "')");
      }
    }
  }

  /** The first few characters of a value that may be a secret, and its length. */
  static String mask(String secret) {
    String shown = secret.length() <= 8 ? "" : printable(secret.substring(0, 3));
    return shown + "…(" + secret.length() + " chars)";
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }

  private static String decode(String key, String entry, String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        continue;
      }
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo < 0) {
        throw new IllegalArgumentException(
            key + " has a malformed percent-escape in entry '" + mask(entry.trim()) + "'");
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          key + " has percent-escapes that are not UTF-8 in entry '" + mask(entry.trim()) + "'", e);
    }
  }
}
