package dev.aitrace.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * What one model charges, in US dollars per one million tokens. Immutable.
 *
 * <p>How a call is priced (see {@link #cost(TokenUsage)}): cached input tokens are part of the input
 * tokens, so they are charged once at {@code cachedInput} and the rest of the input at {@code input};
 * reasoning tokens are part of the output tokens, so they are charged once at {@code reasoning} and
 * the rest of the output at {@code output}. Streaming changes nothing: the same tokens cost the same.
 *
 * <pre>{@code
 * ModelPrice price = ModelPrice.of("2.50", "1.25", "10.00"); // gpt-4o
 * BigDecimal usd = price.cost(new TokenUsage(1_000, 400, 200, 0)); // 0.004
 * }</pre>
 *
 * @param input per 1M input tokens that were not served from the prompt cache
 * @param cachedInput per 1M cached input tokens; equal to {@code input} for a model without a cache discount
 * @param output per 1M output tokens that are not reasoning tokens
 * @param reasoning per 1M reasoning tokens; equal to {@code output} unless the model prices them apart
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output, BigDecimal reasoning) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public ModelPrice {
    requireNonNegative("input", input);
    requireNonNegative("cachedInput", cachedInput);
    requireNonNegative("output", output);
    requireNonNegative("reasoning", reasoning);
  }

  /** A price with a cache discount; reasoning tokens billed as output. Arguments are decimal strings. */
  public static ModelPrice of(String input, String cachedInput, String output) {
    BigDecimal out = decimal("output", output);
    return new ModelPrice(decimal("input", input), decimal("cachedInput", cachedInput), out, out);
  }

  /** A price without a cache discount (cached input at the full rate), reasoning billed as output. */
  public static ModelPrice of(String input, String output) {
    BigDecimal in = decimal("input", input);
    BigDecimal out = decimal("output", output);
    return new ModelPrice(in, in, out, out);
  }

  /** This price with reasoning tokens charged at {@code reasoning} per 1M instead of the output rate. */
  public ModelPrice withReasoning(String reasoning) {
    return new ModelPrice(input, cachedInput, output, decimal("reasoning", reasoning));
  }

  /**
   * The exact cost of {@code usage}. Counts that contradict each other are read the way that charges
   * every token once: cached tokens beyond the input count as input, reasoning beyond the output as output.
   */
  public BigDecimal cost(TokenUsage usage) {
    long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
    long reasoningTokens = Math.min(usage.reasoningTokens(), usage.outputTokens());
    BigDecimal micros =
        input.multiply(BigDecimal.valueOf(usage.inputTokens() - cached))
            .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
            .add(output.multiply(BigDecimal.valueOf(usage.outputTokens() - reasoningTokens)))
            .add(reasoning.multiply(BigDecimal.valueOf(reasoningTokens)));
    // Moving the point six places is exact: no rounding, so a million calls sum without drift.
    BigDecimal usd = micros.movePointLeft(6).stripTrailingZeros();
    return usd.scale() < 0 ? usd.setScale(0) : usd;
  }

  private static BigDecimal decimal(String field, String value) {
    requireNonNull(value, field);
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a decimal number, was '" + value + "'");
    }
  }

  private static void requireNonNegative(String field, BigDecimal value) {
    requireNonNull(value, field);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value.toPlainString());
    }
  }
}
