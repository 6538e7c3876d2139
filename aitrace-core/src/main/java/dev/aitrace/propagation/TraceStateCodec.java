package dev.aitrace.propagation;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The W3C Trace Context {@code tracestate} header.
 *
 * <p>Parsing is all or nothing, as the specification asks ("If the vendor failed to parse
 * tracestate, it MUST NOT attempt to propagate it"): more than 32 members, a key or value outside
 * the grammar, or a key that appears twice makes the whole header invalid, and the caller keeps the
 * {@code traceparent} with an empty trace state. Empty members ({@code "a=1,,b=2"}) and optional
 * white space around members are tolerated; several header lines are joined with {@code ','} first.
 *
 * <p>Size: a list longer than 512 characters (members joined by {@code ','}, without white space)
 * is cut by whole members as the specification's "tracestate Limits" section recommends: first
 * members longer than 128 characters are removed, last one first, then members from the end, until
 * the list fits. The same cut applies when writing.
 */
final class TraceStateCodec {
  static final String NAME = "tracestate";
  static final int MAX_MEMBERS = 32;
  static final int MAX_LENGTH = 512;
  private static final int LARGE_MEMBER = 128;

  private TraceStateCodec() {}

  /**
   * The trace state in {@code header}; {@link TraceState#getDefault()} when it is absent, empty or
   * invalid.
   */
  static TraceState parse(String header) {
    if (header == null) {
      return TraceState.getDefault();
    }
    List<String> members = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int start = 0;
    while (start <= header.length()) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      String member = Ows.trim(header.substring(start, end));
      start = end + 1;
      if (member.isEmpty()) {
        continue;
      }
      int eq = member.indexOf('=');
      if (eq < 0
          || !isValidKey(member, 0, eq)
          || !isValidValue(member, eq + 1, member.length())
          || !keys.add(member.substring(0, eq))
          || members.size() == MAX_MEMBERS) {
        return TraceState.getDefault();
      }
      members.add(member);
    }
    return build(fit(members));
  }

  /** {@code state} as a header value, cut to 512 characters; empty when there is nothing to write. */
  static String format(TraceState state) {
    if (state == null || state.isEmpty()) {
      return "";
    }
    List<String> members = new ArrayList<>(state.size());
    state.forEach(
        (key, value) -> {
          String member = key + '=' + value;
          int eq = key.length();
          if (members.size() < MAX_MEMBERS
              && isValidKey(member, 0, eq)
              && isValidValue(member, eq + 1, member.length())) {
            members.add(member);
          }
        });
    return String.join(",", fit(members));
  }

  private static List<String> fit(List<String> members) {
    int length = length(members);
    for (int i = members.size() - 1; i >= 0 && length > MAX_LENGTH; i--) {
      if (members.get(i).length() > LARGE_MEMBER) {
        length -= members.remove(i).length() + 1;
      }
    }
    while (length > MAX_LENGTH) {
      length -= members.remove(members.size() - 1).length() + 1;
    }
    return members;
  }

  private static int length(List<String> members) {
    int length = Math.max(0, members.size() - 1);
    for (String m : members) {
      length += m.length();
    }
    return length;
  }

  private static TraceState build(List<String> members) {
    if (members.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder builder = TraceState.builder();
    // OpenTelemetry's builder puts each new entry in front, so add them last one first.
    for (int i = members.size() - 1; i >= 0; i--) {
      String m = members.get(i);
      int eq = m.indexOf('=');
      builder.put(m.substring(0, eq), m.substring(eq + 1));
    }
    return builder.build();
  }

  /**
   * {@code simple-key = lcalpha 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/")}, or {@code
   * tenant-id "@" system-id} with a tenant id of 1-241 characters starting with a letter or digit and
   * a system id of 1-14 characters starting with a letter.
   */
  static boolean isValidKey(String s, int from, int to) {
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (!isKeyChar(c)) {
        return false;
      }
    }
    if (at < 0) {
      int length = to - from;
      return length >= 1 && length <= 256 && isLcAlpha(s.charAt(from));
    }
    int tenant = at - from;
    int system = to - at - 1;
    return tenant >= 1
        && tenant <= 241
        && system >= 1
        && system <= 14
        && isLcAlphaOrDigit(s.charAt(from))
        && isLcAlpha(s.charAt(at + 1));
  }

  /** {@code value = 0*255(chr) nblk-chr}: printable ASCII except ',' and '=', no trailing space. */
  static boolean isValidValue(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 256 || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyChar(char c) {
    return isLcAlphaOrDigit(c) || c == '_' || c == '-' || c == '*' || c == '/';
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isLcAlphaOrDigit(char c) {
    return isLcAlpha(c) || (c >= '0' && c <= '9');
  }
}
