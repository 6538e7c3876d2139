package dev.aitrace.cost;

/**
 * Turns a model name and token usage into a {@link CostEstimate}. The AI-call instrumentation asks
 * it for the {@code aitrace.cost.usd} of each call. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CostCalculator {
  CostEstimate cost(String model, TokenUsage usage);

  /** A calculator that knows no prices: every cost is unknown. */
  static CostCalculator unknown() {
    return (model, usage) -> CostEstimate.unknown(model);
  }
}
