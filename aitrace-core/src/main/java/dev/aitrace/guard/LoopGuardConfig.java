package dev.aitrace.guard;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits that catch a runaway agent chain: AI calls per trace, agent nesting depth, and the same
 * request (model and messages) repeated within a trace. With {@link GuardAction#ALERT} (the default)
 * a trace past a limit raises one alert; with {@link GuardAction#BLOCK} the offending AI call or agent
 * invocation is also refused with a {@link LoopDetectedException}. Immutable.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder()
 *     .loopGuard(LoopGuardConfig.builder().maxCallsPerTrace(50).maxAgentDepth(6).maxRepeatedRequests(3)
 *         .action(GuardAction.BLOCK).build())
 *     .build();
 * }</pre>
 *
 * @param maxCallsPerTrace AI calls allowed in one trace; default 100
 * @param maxAgentDepth agent invocations that may enclose one another; default 10
 * @param maxRepeatedRequests times the same request may be sent in one trace; default 5
 * @param action what happens past a limit; default alert only
 * @param maxTraces traces tracked at once; the least recently active beyond it are forgotten; default 10,000
 * @param traceIdle after how long without AI calls a trace is forgotten; default 1 hour
 */
public record LoopGuardConfig(
    int maxCallsPerTrace, int maxAgentDepth, int maxRepeatedRequests, GuardAction action, int maxTraces,
    Duration traceIdle) {

  public LoopGuardConfig {
    positive("maxCallsPerTrace", maxCallsPerTrace);
    positive("maxAgentDepth", maxAgentDepth);
    positive("maxRepeatedRequests", maxRepeatedRequests);
    requireNonNull(action, "action");
    positive("maxTraces", maxTraces);
    requireNonNull(traceIdle, "traceIdle");
    if (traceIdle.isNegative() || traceIdle.isZero()) {
      throw new IllegalArgumentException("traceIdle must be positive, was " + traceIdle);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  /** Builds a {@link LoopGuardConfig}; each setter fails fast on a bad value. Not thread-safe. */
  public static final class Builder {
    private int maxCallsPerTrace = 100;
    private int maxAgentDepth = 10;
    private int maxRepeatedRequests = 5;
    private GuardAction action = GuardAction.ALERT;
    private int maxTraces = 10_000;
    private Duration traceIdle = Duration.ofHours(1);

    private Builder() {}

    public Builder maxCallsPerTrace(int max) {
      positive("maxCallsPerTrace", max);
      this.maxCallsPerTrace = max;
      return this;
    }

    public Builder maxAgentDepth(int max) {
      positive("maxAgentDepth", max);
      this.maxAgentDepth = max;
      return this;
    }

    public Builder maxRepeatedRequests(int max) {
      positive("maxRepeatedRequests", max);
      this.maxRepeatedRequests = max;
      return this;
    }

    public Builder action(GuardAction action) {
      this.action = requireNonNull(action, "action");
      return this;
    }

    public Builder maxTraces(int max) {
      positive("maxTraces", max);
      this.maxTraces = max;
      return this;
    }

    public Builder traceIdle(Duration idle) {
      this.traceIdle = requireNonNull(idle, "idle");
      return this;
    }

    public LoopGuardConfig build() {
      return new LoopGuardConfig(maxCallsPerTrace, maxAgentDepth, maxRepeatedRequests, action, maxTraces, traceIdle);
    }
  }
}
