package dev.aitrace.guard;

import static java.util.Objects.requireNonNull;

/**
 * An AI call about to be made, as a {@link CallGuard} sees it.
 *
 * @param operation the GenAI operation, such as {@code chat} or {@code embeddings}
 * @param model the requested model
 * @param fingerprint a hash of what identifies the request (model and messages), so that the same
 *     request repeated within a trace can be recognised; empty when not known
 */
public record AiCall(String operation, String model, String fingerprint) {
  public AiCall {
    requireNonNull(operation, "operation");
    requireNonNull(model, "model");
    requireNonNull(fingerprint, "fingerprint");
  }
}
