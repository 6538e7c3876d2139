package dev.aitrace.propagation;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import java.util.Map;

/**
 * The W3C {@code baggage} header (W3C Baggage, "Header Content" and "Limits").
 *
 * <p>Reading, member by member: a member whose key is not an RFC 9110 token, whose value holds a
 * character outside {@code baggage-octet} or a {@code '%'} not followed by two hex digits, or whose
 * properties are malformed, is dropped and the others are kept. Values are percent-decoded as UTF-8;
 * byte sequences that are not UTF-8 become U+FFFD, as the specification says. Properties are kept
 * verbatim (white space around them removed) as the entry's metadata. Empty members are skipped.
 * When a key repeats, the last value wins. After 180 members, further members are dropped. A header
 * longer than 8192 bytes (all lines together) is ignored entirely, because the specification does
 * not let a sender produce one and cutting it anywhere would forward a partial list.
 *
 * <p>Writing: values are percent-encoded (UTF-8; everything outside {@code baggage-octet}, and
 * {@code '%'}); members are written in key order, whole members only, at most 180 and 8192 bytes;
 * entries whose key is not a token, or that do not fit, are left out.
 */
final class BaggageCodec {
  static final String NAME = "baggage";
  static final int MAX_MEMBERS = 180;
  static final int MAX_BYTES = 8192;

  private BaggageCodec() {}

  /** The members of {@code header}, or an empty baggage when none is valid. */
  static Baggage parse(String header) {
    if (header == null || header.isEmpty() || utf8Length(header) > MAX_BYTES) {
      return Baggage.empty();
    }
    BaggageBuilder builder = Baggage.builder();
    int kept = 0;
    int start = 0;
    while (start <= header.length() && kept < MAX_MEMBERS) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      String member = Ows.trim(header.substring(start, end));
      start = end + 1;
      if (!member.isEmpty() && addMember(builder, member)) {
        kept++;
      }
    }
    return builder.build();
  }

  private static boolean addMember(BaggageBuilder builder, String member) {
    int semi = member.indexOf(';');
    String pair = semi < 0 ? member : member.substring(0, semi);
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String key = Ows.trim(pair.substring(0, eq));
    String value = PercentCodec.decode(Ows.trim(pair.substring(eq + 1)));
    String properties = semi < 0 ? "" : normalizeProperties(member.substring(semi + 1));
    if (!isToken(key) || value == null || properties == null) {
      return false;
    }
    builder.put(key, value, BaggageEntryMetadata.create(properties));
    return true;
  }

  /** {@code properties} as {@code k;k2=v2} without white space, or null when one is malformed. */
  static String normalizeProperties(String properties) {
    StringBuilder out = new StringBuilder(properties.length());
    for (String property : properties.split(";", -1)) {
      int eq = property.indexOf('=');
      String key = Ows.trim(eq < 0 ? property : property.substring(0, eq));
      if (!isToken(key)) {
        return null;
      }
      if (out.length() > 0) {
        out.append(';');
      }
      out.append(key);
      if (eq >= 0) {
        String value = Ows.trim(property.substring(eq + 1));
        if (!PercentCodec.isBaggageOctets(value)) {
          return null;
        }
        out.append('=').append(value);
      }
    }
    return out.toString();
  }

  /** {@code baggage} as a header value; empty when nothing is to be written. */
  static String format(Map<String, Entry> entries) {
    StringBuilder out = new StringBuilder();
    int members = 0;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (members == MAX_MEMBERS) {
        break;
      }
      String key = e.getKey();
      if (!isToken(key)) {
        continue;
      }
      String metadata = e.getValue().metadata;
      String properties = metadata.isEmpty() ? "" : normalizeProperties(metadata);
      String member =
          key + '=' + PercentCodec.encode(e.getValue().value)
              + (properties == null || properties.isEmpty() ? "" : ';' + properties);
      // Every character of an encoded member is ASCII, so its length is its byte count.
      if (out.length() + (members == 0 ? 0 : 1) + member.length() > MAX_BYTES) {
        continue;
      }
      if (members > 0) {
        out.append(',');
      }
      out.append(member);
      members++;
    }
    return out.toString();
  }

  /** A value and its properties, as they will be written. */
  static final class Entry {
    final String value;
    final String metadata;

    Entry(String value, String metadata) {
      this.value = value;
      this.metadata = metadata == null ? "" : metadata;
    }
  }

  /** RFC 9110 token: one or more of {@code !#$%&'*+-.^_`|~}, digits and letters. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
