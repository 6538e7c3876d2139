package dev.aitrace.examples.fakeopenai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code POST /v1/chat/completions} body the fake needs, read with Jackson's
 * streaming parser. Content given as an array of parts is flattened to its text parts.
 */
record ChatRequest(
    String model,
    List<Message> messages,
    boolean stream,
    boolean includeUsage,
    List<String> toolNames,
    long maxTokens) {

  record Message(String role, String content) {}

  /** The first system (or developer) message, or the empty string. */
  String systemPrompt() {
    for (Message m : messages) {
      if (m.role().equals("system") || m.role().equals("developer")) {
        return m.content();
      }
    }
    return "";
  }

  /** The last user message, or the empty string. */
  String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** The results of tool calls the client sent back, in order. */
  List<String> toolResults() {
    List<String> results = new ArrayList<>();
    for (Message m : messages) {
      if (m.role().equals("tool")) {
        results.add(m.content());
      }
    }
    return results;
  }

  static ChatRequest parse(JsonFactory json, byte[] body) throws IOException {
    String model = null;
    List<Message> messages = new ArrayList<>();
    boolean stream = false;
    boolean includeUsage = false;
    List<String> tools = new ArrayList<>();
    long maxTokens = 0;
    try (JsonParser p = json.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "request body");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "stream" -> stream = value == JsonToken.VALUE_TRUE;
          case "max_tokens", "max_completion_tokens" ->
              maxTokens = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
          case "messages" -> readMessages(p, messages);
          case "tools" -> readTools(p, tools);
          case "stream_options" -> includeUsage = readIncludeUsage(p);
          default -> p.skipChildren();
        }
      }
    }
    if (model == null || model.isBlank()) {
      throw new IOException("you must provide a model parameter");
    }
    if (messages.isEmpty()) {
      throw new IOException("'messages' must contain at least one message");
    }
    return new ChatRequest(model, List.copyOf(messages), stream, includeUsage, List.copyOf(tools), maxTokens);
  }

  private static void readMessages(JsonParser p, List<Message> messages) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "messages");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String role = "user";
      StringBuilder content = new StringBuilder();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("role") && value == JsonToken.VALUE_STRING) {
          role = p.getText();
        } else if (field.equals("content") && value == JsonToken.VALUE_STRING) {
          content.append(p.getText());
        } else if (field.equals("content") && value == JsonToken.START_ARRAY) {
          readTextParts(p, content);
        } else {
          p.skipChildren();
        }
      }
      messages.add(new Message(role, content.toString()));
    }
  }

  private static void readTextParts(JsonParser p, StringBuilder content) throws IOException {
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("text") && value == JsonToken.VALUE_STRING) {
          content.append(p.getText());
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static void readTools(JsonParser p, List<String> tools) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "tools");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("function")) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            JsonToken value = p.nextToken();
            if (inner.equals("name") && value == JsonToken.VALUE_STRING) {
              tools.add(p.getText());
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static boolean readIncludeUsage(JsonParser p) throws IOException {
    boolean include = false;
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return false;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("include_usage")) {
        include = value == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    return include;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException(what + ": expected " + expected + " but found " + actual);
    }
  }
}
