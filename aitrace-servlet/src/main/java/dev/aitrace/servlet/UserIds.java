package dev.aitrace.servlet;

import java.util.Optional;

/** Keeps what a user id resolver found fit for a span attribute and a baggage value. */
final class UserIds {
  /** Longer ids are cut: an id is a key, not a document. */
  static final int MAX_LENGTH = 256;

  private UserIds() {}

  /**
   * The trimmed value, cut to {@link #MAX_LENGTH}; empty when blank or when it holds control
   * characters, which no real user id has and which would only corrupt logs.
   */
  static Optional<String> clean(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.length() > MAX_LENGTH) {
      v = v.substring(0, MAX_LENGTH);
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(v);
  }
}
