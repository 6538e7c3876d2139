package dev.aitrace.examples.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.aitrace.AgentTracer;
import java.io.IOException;
import java.util.List;

/**
 * Writes the deliverable: asks the model, which calls the {@code web_search} tool first; runs the
 * tool inside an {@code execute_tool} span; then streams the deliverable with the tool's result in
 * the conversation.
 */
final class ContentSpecialist {
  static final String NAME = "content_specialist";
  static final String PROMPT = "You are the Content Specialist of a consulting agency. You write the client"
      + " deliverable in Markdown: a title, then the sections Summary, Evidence, Competitors, Risks and"
      + " Recommendation. Call the web_search tool once before writing to collect current facts, and cite"
      + " them in Evidence. Be concrete: numbers, names, dates. Keep it under 300 words and write for an"
      + " executive who reads only the Summary and the Recommendation.";
  private static final JsonFactory JSON = new JsonFactory();
  private static final ChatCompletionFunctionTool SEARCH =
      Llm.tool(ResearchTool.NAME, "Searches recent market research notes", "query");

  private final AgentTracer agents;
  private final Llm llm;
  private final ResearchTool research;

  ContentSpecialist(AgentTracer agents, Llm llm, ResearchTool research) {
    this.agents = agents;
    this.llm = llm;
    this.research = research;
  }

  String write(String brief, String team) {
    return agents.invokeAgent(NAME, () -> {
      String user = brief + "\n\nTeam:\n" + team;
      ChatCompletionCreateParams.Builder conversation = llm.request(PROMPT, user, 600).addTool(SEARCH);
      ChatCompletion first = llm.completion(conversation.build());
      if (first.choices().isEmpty()) {
        return "";
      }
      ChatCompletionMessage message = first.choices().get(0).message();
      List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
      if (calls.isEmpty()) {
        return message.content().orElse("");
      }
      conversation.addMessage(message);
      for (ChatCompletionMessageToolCall call : calls) {
        conversation.addMessage(ChatCompletionToolMessageParam.builder()
            .toolCallId(id(call))
            .content(run(call))
            .build());
      }
      return llm.stream(conversation);
    });
  }

  private String run(ChatCompletionMessageToolCall call) {
    if (!call.isFunction() || !call.asFunction().function().name().equals(ResearchTool.NAME)) {
      return "unknown tool";
    }
    ChatCompletionMessageFunctionToolCall.Function function = call.asFunction().function();
    return agents.executeTool(ResearchTool.NAME, () -> research.search(query(function.arguments())));
  }

  /** The {@code query} argument of the call; the raw arguments when they are not the expected JSON. */
  static String query(String arguments) {
    try (JsonParser p = JSON.createParser(arguments)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("query")) {
            return p.getText();
          }
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // a model may send malformed arguments; searching for the raw text is the sensible fallback
    }
    return arguments;
  }

  private static String id(ChatCompletionMessageToolCall call) {
    return call.isFunction() ? call.asFunction().id() : call.asCustom().id();
  }
}
