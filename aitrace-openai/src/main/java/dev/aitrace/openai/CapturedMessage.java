package dev.aitrace.openai;

/**
 * One message of a request or a response, as opt-in content capture records it.
 *
 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool}...
 * @param text the text content
 * @param finishReason why the model stopped (output messages only), else null
 */
record CapturedMessage(String role, String text, String finishReason) {
  static CapturedMessage of(String role, String text) {
    return new CapturedMessage(role, text, null);
  }
}
