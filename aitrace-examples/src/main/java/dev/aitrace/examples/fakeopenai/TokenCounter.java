package dev.aitrace.examples.fakeopenai;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes token usage the way OpenAI reports it, from the request itself: about four characters
 * per token plus a few tokens of framing per message; a prompt whose leading system message was
 * seen before is partly served from the prompt cache; o-series and gpt-5 models spend reasoning
 * tokens, which count towards the completion tokens. Thread-safe.
 *
 * <p>OpenAI caches prompts of 1024 tokens and more, in 128-token blocks. The demo's prompts are
 * shorter, so the fake caches in {@value #CACHE_BLOCK}-token blocks from {@value #CACHE_BLOCK}
 * tokens on: the arithmetic (cached tokens are part of the prompt tokens) is the same.
 */
final class TokenCounter {
  static final int CACHE_BLOCK = 64;
  private static final int CACHE_SEEN_LIMIT = 10_000;

  private final Set<String> seenSystemPrompts = ConcurrentHashMap.newKeySet();

  /** Usage of one completion. */
  record Usage(long promptTokens, long cachedTokens, long completionTokens, long reasoningTokens) {
    long totalTokens() {
      return promptTokens + completionTokens;
    }
  }

  static long tokens(String text) {
    return (text.length() + 3) / 4;
  }

  Usage chat(ChatRequest request, ChatReply reply) {
    long prompt = 3;
    for (ChatRequest.Message m : request.messages()) {
      prompt += 4 + tokens(m.content());
    }
    for (String tool : request.toolNames()) {
      prompt += 24 + tokens(tool);
    }
    long cached = cachedTokens(request.model(), request.systemPrompt());
    long visible = reply.isToolCall() ? 12 + tokens(reply.toolName() + reply.toolArguments()) : tokens(reply.content());
    long reasoning = isReasoningModel(request.model()) ? 64L * (1 + Math.floorMod(request.lastUserMessage().hashCode(), 6)) : 0;
    return new Usage(prompt, Math.min(cached, prompt), visible + reasoning, reasoning);
  }

  private long cachedTokens(String model, String systemPrompt) {
    long systemTokens = 4 + tokens(systemPrompt);
    if (systemTokens < CACHE_BLOCK) {
      return 0;
    }
    String key = model + '\n' + systemPrompt;
    if (seenSystemPrompts.contains(key)) {
      return systemTokens / CACHE_BLOCK * CACHE_BLOCK;
    }
    if (seenSystemPrompts.size() < CACHE_SEEN_LIMIT) {
      seenSystemPrompts.add(key);
    }
    return 0;
  }

  static boolean isReasoningModel(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return (m.length() > 1 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1))) || m.startsWith("gpt-5");
  }
}
