package dev.aitrace.examples.fakeopenai;

/**
 * What the fake model answers: either text or one function call.
 *
 * @param content the assistant's text; empty for a tool call
 * @param toolName the function the model calls; empty for a text reply
 * @param toolArguments the function arguments as a JSON object text; empty for a text reply
 */
record ChatReply(String content, String toolName, String toolArguments) {
  static ChatReply text(String content) {
    return new ChatReply(content, "", "");
  }

  static ChatReply toolCall(String name, String argumentsJson) {
    return new ChatReply("", name, argumentsJson);
  }

  boolean isToolCall() {
    return !toolName.isEmpty();
  }

  String finishReason() {
    return isToolCall() ? "tool_calls" : "stop";
  }
}
