package dev.aitrace.guard;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.util.function.Supplier;

/**
 * An AI call about to be made, as a {@link CallGuard} sees it: its operation, its model and a
 * fingerprint of what it asks. Immutable and thread-safe.
 *
 * <p>The fingerprint (a hash of the model and the messages, so that the same request repeated within
 * a trace can be recognised) may be given {@linkplain #lazy lazily}: it is then computed the first
 * time a guard asks for it, at most once per call, and never for a call that no guard reads it of.
 *
 * <pre>{@code
 * CallGuard audit = (context, call) ->
 *     log.info("{} {} request {}", call.operation(), call.model(), call.fingerprint());
 * }</pre>
 */
public final class AiCall {
  private final String operation;
  private final String model;
  private Supplier<String> pending; // null once the fingerprint is known
  private volatile String fingerprint;

  /**
   * A call with a known fingerprint.
   *
   * @param operation the GenAI operation, such as {@code chat} or {@code embeddings}
   * @param model the requested model
   * @param fingerprint the request's fingerprint; empty when not known
   */
  public AiCall(String operation, String model, String fingerprint) {
    this.operation = requireNonNull(operation, "operation");
    this.model = requireNonNull(model, "model");
    this.fingerprint = requireNonNull(fingerprint, "fingerprint");
  }

  private AiCall(String operation, String model, Supplier<String> fingerprint) {
    this.operation = requireNonNull(operation, "operation");
    this.model = requireNonNull(model, "model");
    this.pending = requireNonNull(fingerprint, "fingerprint");
  }

  /**
   * A call whose fingerprint is computed by {@code fingerprint} when first asked for. A supplier that
   * throws or returns null counts as an unknown fingerprint (empty), and is reported once.
   */
  public static AiCall lazy(String operation, String model, Supplier<String> fingerprint) {
    return new AiCall(operation, model, fingerprint);
  }

  /** The GenAI operation, such as {@code chat} or {@code embeddings}. */
  public String operation() {
    return operation;
  }

  /** The requested model. */
  public String model() {
    return model;
  }

  /**
   * A hash of what identifies the request (model and messages), so that the same request repeated
   * within a trace can be recognised; empty when not known. Never null.
   */
  public String fingerprint() {
    String known = fingerprint;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (fingerprint == null) {
        fingerprint = compute(pending);
        pending = null;
      }
      return fingerprint;
    }
  }

  private static String compute(Supplier<String> supplier) {
    try {
      String value = supplier.get();
      return value == null ? "" : value;
    } catch (Throwable t) {
      SelfLog.fault("guard.fingerprint", t);
      return "";
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AiCall
        && operation.equals(((AiCall) o).operation)
        && model.equals(((AiCall) o).model)
        && fingerprint().equals(((AiCall) o).fingerprint());
  }

  @Override
  public int hashCode() {
    return (operation.hashCode() * 31 + model.hashCode()) * 31 + fingerprint().hashCode();
  }

  @Override
  public String toString() {
    return "AiCall[operation=" + operation + ", model=" + model + ", fingerprint=" + fingerprint() + "]";
  }
}
