package dev.aitrace.examples.fakeopenai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes the chat completions wire format with Jackson's streaming generator: the {@code
 * chat.completion} object, the {@code chat.completion.chunk} objects of a stream, and OpenAI's
 * error object.
 */
final class ChatJson {
  private final JsonFactory json;

  ChatJson(JsonFactory json) {
    this.json = json;
  }

  /** Identity shared by a completion and all chunks of its stream. */
  record Head(String id, long created, String model, String fingerprint) {}

  byte[] completion(Head head, ChatReply reply, TokenCounter.Usage usage) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      writeHead(g, head, "chat.completion");
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      if (reply.isToolCall()) {
        g.writeNullField("content");
        g.writeArrayFieldStart("tool_calls");
        writeToolCall(g, head, reply, false);
        g.writeEndArray();
      } else {
        g.writeStringField("content", reply.content());
      }
      g.writeNullField("refusal");
      g.writeArrayFieldStart("annotations");
      g.writeEndArray();
      g.writeEndObject();
      g.writeNullField("logprobs");
      g.writeStringField("finish_reason", reply.finishReason());
      g.writeEndObject();
      g.writeEndArray();
      g.writeFieldName("usage");
      writeUsage(g, usage);
      g.writeStringField("service_tier", "default");
      g.writeStringField("system_fingerprint", head.fingerprint());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * One chunk of a stream. {@code role} and {@code content} go into the delta when not null; a
   * tool call when {@code toolCall} is not null; {@code usageNull} writes {@code "usage":null} as
   * OpenAI does on every chunk when the client asked for usage.
   */
  byte[] chunk(Head head, String role, String content, ChatReply toolCall, String finishReason, boolean usageNull)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = json.createGenerator(out)) {
      startChunk(g, head);
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("delta");
      if (role != null) {
        g.writeStringField("role", role);
      }
      if (content != null) {
        g.writeStringField("content", content);
      }
      if (role != null) {
        g.writeNullField("refusal");
      }
      if (toolCall != null) {
        g.writeArrayFieldStart("tool_calls");
        writeToolCall(g, head, toolCall, true);
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeNullField("logprobs");
      if (finishReason == null) {
        g.writeNullField("finish_reason");
      } else {
        g.writeStringField("finish_reason", finishReason);
      }
      g.writeEndObject();
      g.writeEndArray();
      if (usageNull) {
        g.writeNullField("usage");
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Opens a stream chunk: its head, service tier, fingerprint, and the choices array. */
  private void startChunk(JsonGenerator g, Head head) throws IOException {
    g.writeStartObject();
    writeHead(g, head, "chat.completion.chunk");
    g.writeStringField("service_tier", "default");
    g.writeStringField("system_fingerprint", head.fingerprint());
    g.writeArrayFieldStart("choices");
  }

  /** The last chunk of a stream whose client set {@code stream_options.include_usage}. */
  byte[] usageChunk(Head head, TokenCounter.Usage usage) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = json.createGenerator(out)) {
      startChunk(g, head);
      g.writeEndArray();
      g.writeFieldName("usage");
      writeUsage(g, usage);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  byte[] error(String message, String type, String code) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", message);
      g.writeStringField("type", type);
      g.writeNullField("param");
      if (code == null) {
        g.writeNullField("code");
      } else {
        g.writeStringField("code", code);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writeHead(JsonGenerator g, Head head, String object) throws IOException {
    g.writeStringField("id", head.id());
    g.writeStringField("object", object);
    g.writeNumberField("created", head.created());
    g.writeStringField("model", head.model());
  }

  private static void writeToolCall(JsonGenerator g, Head head, ChatReply reply, boolean delta) throws IOException {
    g.writeStartObject();
    if (delta) {
      g.writeNumberField("index", 0);
    }
    g.writeStringField("id", "call_" + head.id().substring(head.id().length() - 24));
    g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    g.writeStringField("name", reply.toolName());
    g.writeStringField("arguments", reply.toolArguments());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeUsage(JsonGenerator g, TokenCounter.Usage usage) throws IOException {
    g.writeStartObject();
    g.writeNumberField("prompt_tokens", usage.promptTokens());
    g.writeNumberField("completion_tokens", usage.completionTokens());
    g.writeNumberField("total_tokens", usage.totalTokens());
    g.writeObjectFieldStart("prompt_tokens_details");
    g.writeNumberField("cached_tokens", usage.cachedTokens());
    g.writeNumberField("audio_tokens", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("completion_tokens_details");
    g.writeNumberField("reasoning_tokens", usage.reasoningTokens());
    g.writeNumberField("audio_tokens", 0);
    g.writeNumberField("accepted_prediction_tokens", 0);
    g.writeNumberField("rejected_prediction_tokens", 0);
    g.writeEndObject();
    g.writeEndObject();
  }
}
