/**
 * Prices and the cost of AI calls, in exact decimals: the bundled, dated OpenAI {@link
 * dev.aitrace.cost.PriceTable}, per-model {@link dev.aitrace.cost.ModelPrice}s, and the {@link
 * dev.aitrace.cost.CostCalculator} the AI-call instrumentation asks.
 */
package dev.aitrace.cost;
