package dev.aitrace.propagation;

/** Optional white space (SP and HTAB, RFC 9110), the only white space the W3C headers tolerate. */
final class Ows {
  private Ows() {}

  static boolean is(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code s} without leading and trailing SP/HTAB; CR, LF and other controls stay and fail later. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && is(s.charAt(start))) {
      start++;
    }
    while (end > start && is(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }
}
