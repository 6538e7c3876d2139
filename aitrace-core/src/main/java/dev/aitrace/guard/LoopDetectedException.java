package dev.aitrace.guard;

import dev.aitrace.AiTraceBlockedException;

/**
 * Thrown when a {@link LoopGuard} configured to block stops a runaway agent chain: too many AI calls
 * in one trace, agents nested too deep, or the same request repeated. The refused AI call (or agent
 * invocation) is recorded as a span with the reason, and nothing is sent.
 *
 * <pre>{@code
 * try {
 *   return agents.invokeAgent("planner", () -> planner.plan(goal));
 * } catch (LoopDetectedException e) {
 *   log.warn("stopped runaway chain in trace {} at agent {} after {}", e.traceId(), e.agent(), e.count());
 *   throw e;
 * }
 * }</pre>
 */
public final class LoopDetectedException extends AiTraceBlockedException {
  private static final long serialVersionUID = 1L;

  private final LoopLimit limitKind;
  private final String traceId;
  private final String agent;
  private final long count;
  private final long limit;

  /**
   * @param limitKind which limit was hit
   * @param traceId the trace that ran away
   * @param agent the agent that made the refused call or invocation; empty when none was current
   * @param count the value that went past the limit (calls, depth or repetitions)
   * @param limit the configured limit
   */
  public LoopDetectedException(LoopLimit limitKind, String traceId, String agent, long count, long limit) {
    super("aitrace loop guard: " + limitKind.description() + " reached " + count + " (limit " + limit
        + ") in trace " + traceId + (agent.isEmpty() ? "" : " at agent '" + agent + "'"));
    this.limitKind = limitKind;
    this.traceId = traceId;
    this.agent = agent;
    this.count = count;
    this.limit = limit;
  }

  public LoopLimit limitKind() {
    return limitKind;
  }

  public String traceId() {
    return traceId;
  }

  /** The agent that made the refused call; empty when none was current. */
  public String agent() {
    return agent;
  }

  /** Calls, nesting depth or repetitions, counting the refused one. */
  public long count() {
    return count;
  }

  public long limit() {
    return limit;
  }
}
