/**
 * An embedded stand-in for the OpenAI API: real HTTP on a local port, the real chat completions
 * (JSON and server-sent events) and embeddings wire formats, token usage computed from each request
 * (with prompt-cache hits and reasoning tokens), rate-limit headers and a deterministic 429 every
 * so many requests. It lets the agent-team demo and the tests run the real openai-java client with
 * no API key. Entry point: {@link dev.aitrace.examples.fakeopenai.FakeOpenAiServer}.
 */
package dev.aitrace.examples.fakeopenai;
