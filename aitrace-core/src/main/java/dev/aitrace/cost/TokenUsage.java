package dev.aitrace.cost;

/**
 * The tokens one AI call used, as OpenAI reports them: {@code cachedInputTokens} are part of
 * {@code inputTokens}, and {@code reasoningTokens} are part of {@code outputTokens}.
 *
 * @param inputTokens all input (prompt) tokens, cached ones included
 * @param cachedInputTokens input tokens served from the prompt cache
 * @param outputTokens all output (completion) tokens, reasoning ones included
 * @param reasoningTokens output tokens spent on reasoning
 */
public record TokenUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens) {
  public TokenUsage {
    if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + "/"
          + cachedInputTokens + "/" + outputTokens + "/" + reasoningTokens);
    }
  }

  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, 0, outputTokens, 0);
  }
}
