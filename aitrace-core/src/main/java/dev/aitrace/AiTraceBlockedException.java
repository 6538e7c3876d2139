package dev.aitrace;

/**
 * Thrown when a guard that the application configured to <em>block</em> stops work before it
 * happens: a budget that is spent, or a runaway agent loop. It is the only exception aitrace ever
 * throws into application code, and only because the application asked for it.
 */
public class AiTraceBlockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected AiTraceBlockedException(String message) {
    super(message);
  }
}
