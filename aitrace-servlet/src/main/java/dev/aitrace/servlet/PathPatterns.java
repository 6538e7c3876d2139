package dev.aitrace.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The paths the filter leaves alone. Four forms, checked against the path inside the web
 * application (the request URI without the context path):
 *
 * <ul>
 *   <li>{@code /health} — exactly that path;
 *   <li>{@code /static/*} — {@code /static} and everything below it (servlet url-pattern style);
 *   <li>{@code *.css} — any path ending in {@code .css};
 *   <li>any other pattern with {@code *} is a glob: {@code *} matches within one path segment,
 *       {@code **} across segments ({@code /api/*&#47;ping}, {@code /assets/**&#47;*.js}).
 * </ul>
 *
 * Immutable and thread-safe.
 */
final class PathPatterns {
  private static final PathPatterns NONE = new PathPatterns(List.of(), List.of(), List.of(), List.of(), List.of());

  private final List<String> exact;
  private final List<String> prefixes;
  private final List<String> suffixes;
  private final List<Pattern> globs;
  private final List<String> source;

  private PathPatterns(
      List<String> exact, List<String> prefixes, List<String> suffixes, List<Pattern> globs, List<String> source) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.suffixes = suffixes;
    this.globs = globs;
    this.source = source;
  }

  static PathPatterns none() {
    return NONE;
  }

  /**
   * Compiles {@code patterns}.
   *
   * @throws IllegalArgumentException naming the pattern when one is blank or does not start with
   *     {@code /} or {@code *.}
   */
  static PathPatterns of(List<String> patterns) {
    if (patterns.isEmpty()) {
      return NONE;
    }
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    List<Pattern> globs = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw == null ? "" : raw.trim();
      if (p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.indexOf('/') < 0 && p.length() > 2) {
        suffixes.add(p.substring(1));
      } else if (!p.startsWith("/")) {
        throw new IllegalArgumentException(
            "excludedPaths: a pattern must start with '/' or be '*.ext', was '" + raw + "'");
      } else if (p.indexOf('*') < 0) {
        exact.add(p);
      } else if (p.endsWith("/*") && p.indexOf('*') == p.length() - 1) {
        prefixes.add(p.substring(0, p.length() - 2));
      } else {
        globs.add(glob(p));
      }
    }
    return new PathPatterns(
        List.copyOf(exact), List.copyOf(prefixes), List.copyOf(suffixes), List.copyOf(globs), List.copyOf(patterns));
  }

  boolean isEmpty() {
    return this == NONE;
  }

  boolean matches(String path) {
    for (String e : exact) {
      if (e.equals(path)) {
        return true;
      }
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)
          && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/' || prefix.isEmpty())) {
        return true;
      }
    }
    for (String suffix : suffixes) {
      if (path.endsWith(suffix)) {
        return true;
      }
    }
    for (Pattern glob : globs) {
      if (glob.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
        if (twice && i + 2 < pattern.length() && pattern.charAt(i + 2) == '/') {
          regex.append("(?:.*/)?"); // "**/" also matches no directory at all
          i += 3;
          continue;
        }
        regex.append(twice ? ".*" : "[^/]*");
        i += twice ? 2 : 1;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return source.toString();
  }
}
