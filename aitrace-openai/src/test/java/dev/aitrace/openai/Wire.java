package dev.aitrace.openai;

import java.util.List;

/** Bodies in OpenAI's wire format, as the API sends them. */
final class Wire {
  private Wire() {}

  /** A chat completion: 1000 prompt tokens (400 cached), 500 completion tokens (200 reasoning). */
  static final String CHAT_COMPLETION = """
      {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,
       "model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_f9f4fb6dbf",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Paris.","refusal":null,"annotations":[]},
                   "logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500,
                "prompt_tokens_details":{"cached_tokens":400,"audio_tokens":0},
                "completion_tokens_details":{"reasoning_tokens":200,"audio_tokens":0,
                                             "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}
      """;

  /** A structured-output chat completion whose content is a JSON object. */
  static final String STRUCTURED_COMPLETION = CHAT_COMPLETION.replace("\"Paris.\"", "\"{\\\"city\\\":\\\"Paris\\\"}\"");

  static String chunk(String choices, String usage, boolean usageField) {
    return "data: {\"id\":\"chatcmpl-C1stream\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
        + "\"model\":\"o4-mini-2025-04-16\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_o4\","
        + "\"choices\":" + choices + (usageField ? ",\"usage\":" + usage : "") + "}\n\n";
  }

  static String delta(String delta, String finishReason) {
    return "[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]";
  }

  /** The content chunks of a streamed chat completion saying "Hello world". */
  static List<String> contentChunks(boolean usageField) {
    return List.of(
        chunk(delta("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null), "null", usageField),
        chunk(delta("{\"content\":\"Hello\"}", null), "null", usageField),
        chunk(delta("{\"content\":\" world\"}", null), "null", usageField),
        chunk(delta("{}", "stop"), "null", usageField));
  }

  /** The usage chunk: 120 prompt tokens (100 cached), 300 completion tokens (256 reasoning). */
  static final String USAGE_CHUNK = chunk("[]",
      "{\"prompt_tokens\":120,\"completion_tokens\":300,\"total_tokens\":420,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":100,\"audio_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":256,\"audio_tokens\":0,"
          + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}", true);

  static final String DONE = "data: [DONE]\n\n";

  /** The stream as OpenAI sends it when {@code stream_options.include_usage} is true. */
  static String streamWithUsage() {
    return String.join("", contentChunks(true)) + USAGE_CHUNK + DONE;
  }

  /** The stream as OpenAI sends it when usage was not asked for. */
  static String streamWithoutUsage() {
    return String.join("", contentChunks(false)) + DONE;
  }

  static final String RESPONSE_USAGE = "{\"input_tokens\":2000,\"input_tokens_details\":{\"cached_tokens\":1000},"
      + "\"output_tokens\":300,\"output_tokens_details\":{\"reasoning_tokens\":100},\"total_tokens\":2300}";

  /** A Responses API response: 2000 input tokens (1000 cached), 300 output tokens (100 reasoning). */
  static String response(String status, String usage) {
    return "{\"id\":\"resp_67ccd2bed1ec8190\",\"object\":\"response\",\"created_at\":1741476542,"
        + "\"status\":\"" + status + "\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,"
        + "\"max_output_tokens\":null,\"model\":\"gpt-4.1-2025-04-14\",\"service_tier\":\"default\","
        + "\"output\":[{\"type\":\"message\",\"id\":\"msg_67cc\",\"status\":\"completed\",\"role\":\"assistant\","
        + "\"content\":[{\"type\":\"output_text\",\"text\":\"Bonjour.\",\"annotations\":[]}]}],"
        + "\"parallel_tool_calls\":true,\"previous_response_id\":null,\"store\":true,\"temperature\":1.0,"
        + "\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,"
        + "\"truncation\":\"disabled\",\"usage\":" + usage + ",\"user\":null,\"metadata\":{}}";
  }

  static final String RESPONSE_BODY = response("completed", RESPONSE_USAGE);

  /** A Responses API event stream; when complete, it ends with {@code response.completed} and its usage. */
  static String responseStream(boolean complete) {
    String body = "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
        + response("in_progress", "null") + "}\n\n"
        + delta(1, "Bon") + delta(2, "jour.");
    if (complete) {
      body += "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":3,\"response\":"
          + RESPONSE_BODY + "}\n\n";
    }
    return body;
  }

  private static String delta(int sequence, String text) {
    return "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":"
        + sequence + ",\"item_id\":\"msg_67cc\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + text
        + "\",\"logprobs\":[]}\n\n";
  }

  static final String EMBEDDINGS = """
      {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292]}],
       "model":"text-embedding-3-small","usage":{"prompt_tokens":50000,"total_tokens":50000}}
      """;

  static final String COMPLETION = """
      {"id":"cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7","object":"text_completion","created":1589478378,
       "model":"gpt-3.5-turbo-instruct","system_fingerprint":"fp_44709d6fcb",
       "choices":[{"text":"This is indeed a test","index":0,"logprobs":null,"finish_reason":"length"}],
       "usage":{"prompt_tokens":5000,"completion_tokens":7000,"total_tokens":12000}}
      """;
}
