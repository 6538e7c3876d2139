/**
 * Tracing for the openai-java client: {@link dev.aitrace.openai.TracedOpenAI} wraps or builds a
 * client whose AI calls (chat completions, Responses API, embeddings, legacy completions) become
 * spans with their settings, tokens, cost, time to first chunk and retries;
 * {@link dev.aitrace.openai.ModelFallback} tries an ordered list of models; {@link
 * dev.aitrace.openai.ContentRedactor} rewrites captured prompts and completions.
 */
package dev.aitrace.openai;
