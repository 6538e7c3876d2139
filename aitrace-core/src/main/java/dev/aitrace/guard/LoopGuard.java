package dev.aitrace.guard;

import static java.util.Objects.requireNonNull;

import dev.aitrace.AgentTracer;
import dev.aitrace.Attribution;
import dev.aitrace.alert.AlertType;
import dev.aitrace.alert.Alerts;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Enforces a {@link LoopGuardConfig}: counts AI calls and identical requests per trace before each
 * call leaves ({@link CallGuard}), and checks agent nesting as agent spans start ({@link
 * SpanProcessor}); past a limit it raises a {@link AlertType#LOOP_DETECTED} alert naming the trace,
 * agent and count, and in blocking mode throws {@link LoopDetectedException}. Built by {@code
 * AiTraceBuilder.loopGuard(...)}.
 *
 * <p>Memory is bounded: at most {@code maxTraces} traces (each with at most 256 distinct request
 * fingerprints) are tracked; traces idle longer than {@code traceIdle} are forgotten first. A call
 * outside any trace is not counted. Thread-safe.
 */
public final class LoopGuard implements CallGuard, SpanProcessor {
  private static final int MAX_FINGERPRINTS = 256;

  private final LoopGuardConfig config;
  private final Alerts alerts;
  private final ConcurrentHashMap<String, TraceCalls> traces = new ConcurrentHashMap<>();
  private final LongAdder detected = new LongAdder();

  private LoopGuard(LoopGuardConfig config, Alerts alerts) {
    this.config = config;
    this.alerts = alerts;
  }

  public static LoopGuard create(LoopGuardConfig config, Alerts alerts) {
    return new LoopGuard(requireNonNull(config, "config"), requireNonNull(alerts, "alerts"));
  }

  /** Calls and fingerprints seen in one trace. */
  private static final class TraceCalls {
    final AtomicInteger calls = new AtomicInteger();
    final ConcurrentHashMap<String, AtomicInteger> fingerprints = new ConcurrentHashMap<>();
    volatile long lastMillis;
  }

  @Override
  public void beforeAiCall(Context context, AiCall call) {
    SpanContext span = io.opentelemetry.api.trace.Span.fromContext(context).getSpanContext();
    String agent = Attribution.fromContext(context).agentName().orElse("");
    long depth = AgentTracer.currentDepth(context);
    if (span.isValid() && depth > config.maxAgentDepth()) {
      violation(LoopLimit.NESTING_DEPTH, span.getTraceId(), agent, depth, config.maxAgentDepth());
    }
    if (!span.isValid()) {
      return;
    }
    long now = alerts.clock().millis();
    TraceCalls trace = traces.computeIfAbsent(span.getTraceId(), k -> new TraceCalls());
    trace.lastMillis = now;
    int calls = trace.calls.incrementAndGet();
    if (traces.size() > config.maxTraces()) {
      evict(now);
    }
    if (calls > config.maxCallsPerTrace()) {
      violation(LoopLimit.CALLS_PER_TRACE, span.getTraceId(), agent, calls, config.maxCallsPerTrace());
    }
    if (!call.fingerprint().isEmpty()) {
      AtomicInteger repeats = trace.fingerprints.get(call.fingerprint());
      if (repeats == null && trace.fingerprints.size() < MAX_FINGERPRINTS) {
        repeats = trace.fingerprints.computeIfAbsent(call.fingerprint(), k -> new AtomicInteger());
      }
      if (repeats != null) {
        int n = repeats.incrementAndGet();
        if (n > config.maxRepeatedRequests()) {
          violation(LoopLimit.REPEATED_REQUEST, span.getTraceId(), agent, n, config.maxRepeatedRequests());
        }
      }
    }
  }

  /** Checks the nesting depth of agent spans as they start: the runaway recursion is stopped at its root. */
  @Override
  public void onStart(Context parentContext, SpanRecord span) {
    // Name and parent context first: no attribute copy for the many spans that are not agents.
    if (!span.name().startsWith("invoke_agent ")) {
      return;
    }
    long depth = AgentTracer.currentDepth(parentContext) + 1;
    if (depth > config.maxAgentDepth()) {
      String agent = span.attributes().get(Attribution.AGENT_NAME);
      violation(LoopLimit.NESTING_DEPTH, span.traceId(), agent == null ? "" : agent, depth, config.maxAgentDepth());
    }
  }

  private void violation(LoopLimit kind, String traceId, String agent, long count, long limit) {
    detected.increment();
    alerts.fire(AlertType.LOOP_DETECTED, "loop:" + kind + ":" + traceId,
        "Runaway agent chain: " + kind.description() + " reached " + count + " (limit " + limit + ") in trace "
            + traceId + (agent.isEmpty() ? "" : " at agent '" + agent + "'"),
        Map.of("trace_id", traceId, "agent", agent, "count", Long.toString(count), "limit", Long.toString(limit),
            "limit_kind", kind.name(), "action", config.action().name()));
    if (config.action() == GuardAction.BLOCK) {
      throw new LoopDetectedException(kind, traceId, agent, count, limit);
    }
  }

  private void evict(long now) {
    long idle = config.traceIdle().toMillis();
    traces.values().removeIf(t -> now - t.lastMillis > idle);
    int excess = traces.size() - config.maxTraces();
    if (excess > 0) {
      // Still too many busy traces: forget the least recently active ones.
      List<Map.Entry<String, TraceCalls>> entries = new ArrayList<>(traces.entrySet());
      entries.sort(Comparator.comparingLong(e -> e.getValue().lastMillis));
      for (int i = 0; i < excess && i < entries.size(); i++) {
        traces.remove(entries.get(i).getKey());
      }
    }
  }

  /** Traces currently tracked; never more than {@code maxTraces}. */
  public int trackedTraces() {
    return traces.size();
  }

  /** How often a limit was exceeded (each refused or alerted call counts). */
  public long detectedCount() {
    return detected.sum();
  }

  public LoopGuardConfig config() {
    return config;
  }
}
