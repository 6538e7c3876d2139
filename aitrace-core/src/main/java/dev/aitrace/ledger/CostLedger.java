package dev.aitrace.ledger;

import static java.util.Objects.requireNonNull;

import dev.aitrace.AgentTracer;
import dev.aitrace.Attribution;
import dev.aitrace.cost.CostCalculator;
import dev.aitrace.cost.PriceTable;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who and what spends: every AI call that ends is priced exactly (from its model and tokens, through
 * the price table) and added up per user, task, agent, model, budget category and tenant, over the
 * last minute, hour and day and in total. Fed by the span pipeline as a {@link SpanProcessor};
 * read through {@link #snapshot()}. Every {@link dev.aitrace.AiTrace} has one: {@code
 * aiTrace.ledger()}.
 *
 * <pre>{@code
 * LedgerSnapshot now = aiTrace.ledger().snapshot();
 * for (SliceSnapshot user : now.slices(Dimension.USER)) {
 *   System.out.println(user.key() + " spent $" + user.lastDay().costUsd() + " today");
 * }
 * }</pre>
 *
 * <p>Memory is bounded: each dimension holds at most {@code maxKeysPerDimension} keys (default
 * 5,000); calls for further keys are added to the {@link #OTHER} slice and counted in {@link
 * LedgerSnapshot#overflowCalls()}, so totals stay exact. Calls that name no user (task, ...) go to
 * {@link #UNATTRIBUTED}. Thread-safe; calls for different keys do not contend.
 */
public final class CostLedger implements SpanProcessor {
  /** The slice of calls beyond a dimension's key cap. */
  public static final String OTHER = "(other)";
  /** The slice of calls that name no key in a dimension. */
  public static final String UNATTRIBUTED = "(none)";

  private final CostCalculator prices;
  private final Clock clock;
  private final int maxKeys;
  private final Slice overall = new Slice("(all)", true);
  private final DimensionTable[] tables = new DimensionTable[Dimension.ALL.length]; // by ordinal
  private final RateLimits rateLimits;
  private final InFlight inFlight;
  private final TraceIndex index;
  private final List<AiCallObserver> observers;

  private CostLedger(Builder b) {
    this.prices = b.prices;
    this.clock = b.clock;
    this.maxKeys = b.maxKeysPerDimension;
    for (Dimension d : Dimension.ALL) {
      tables[d.ordinal()] = new DimensionTable(d, maxKeys);
    }
    this.rateLimits = new RateLimits(maxKeys);
    this.inFlight = new InFlight(maxKeys);
    this.index = new TraceIndex(b.maxTraces);
    this.observers = List.copyOf(b.observers);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onStart(Context parentContext, SpanRecord span) {
    // AI calls are CLIENT spans; checking the kind first spares other spans an attribute copy.
    if (span.kind() == SpanKind.CLIENT && AiCallRecord.isAiCall(span)) {
      inFlight.started(span.spanId(), agentOf(span));
    }
  }

  @Override
  public void onEnd(SpanRecord span) {
    if (span.kind() == SpanKind.CLIENT) {
      inFlight.ended(span.spanId());
    }
    String operation = span.attribute(AgentTracer.OPERATION);
    if (operation == null) {
      noteRoot(span);
      return;
    }
    if (operation.equals("invoke_agent")) {
      index.addAgent(span.traceId(), agentOf(span), span.attributes().get(Attribution.TASK_ID));
    } else {
      AiCallRecord.fromSpan(span, prices).ifPresent(call -> {
        index.addCall(call, span.spanId());
        record(call);
      });
    }
    noteRoot(span);
  }

  private void noteRoot(SpanRecord span) {
    SpanContext parent = span.parentSpanContext();
    if (!parent.isValid() || parent.isRemote()) {
      index.addRoot(span.traceId(), span.spanId());
    }
  }

  /** Adds one finished call, as {@link #onEnd} does for an AI-call span, and tells the observers. */
  public void record(AiCallRecord call) {
    long now = clock.millis();
    overall.add(call, now);
    for (Dimension d : Dimension.ALL) {
      tables[d.ordinal()].slice(d.keyOf(call, UNATTRIBUTED), true).add(call, now);
    }
    if (call.rateLimit().reported()) {
      rateLimits.update(call.model(), call.rateLimit(), clock.instant());
    }
    for (AiCallObserver observer : observers) {
      try {
        observer.onAiCall(call);
      } catch (Throwable t) {
        SelfLog.fault("AiCallObserver " + observer.getClass().getName(), t);
      }
    }
  }

  /**
   * Credits a quality score to the slices of the trace's calls (its agents, users, category...) and
   * to the overall figures. A trace this ledger has not seen, or has forgotten, counts overall only.
   *
   * @return the span id a score span should link to in that trace; empty when unknown
   */
  public Optional<String> recordTraceScore(String traceId, double score) {
    Optional<TraceIndex.Facts> facts = index.trace(requireNonNull(traceId, "traceId"));
    credit(facts, slice -> slice.addScore(score, clock.millis()));
    return facts.map(f -> f.spanId).filter(id -> !id.isEmpty());
  }

  /** Like {@link #recordTraceScore}, for a task: credited to the slices of the task's calls. */
  public void recordTaskScore(String taskId, double score) {
    credit(index.task(requireNonNull(taskId, "taskId")), slice -> slice.addScore(score, clock.millis()));
  }

  /** Credits business value to the slices of the trace's calls; returns the span id to link to. */
  public Optional<String> recordTraceValue(String traceId, BigDecimal usd) {
    requireNonNull(usd, "usd");
    Optional<TraceIndex.Facts> facts = index.trace(requireNonNull(traceId, "traceId"));
    credit(facts, slice -> slice.addValue(usd, clock.millis()));
    return facts.map(f -> f.spanId).filter(id -> !id.isEmpty());
  }

  /** Credits business value to the slices of the task's calls. */
  public void recordTaskValue(String taskId, BigDecimal usd) {
    requireNonNull(usd, "usd");
    credit(index.task(requireNonNull(taskId, "taskId")), slice -> slice.addValue(usd, clock.millis()));
  }

  private void credit(Optional<TraceIndex.Facts> facts, java.util.function.Consumer<Slice> action) {
    action.accept(overall);
    facts.ifPresent(f -> {
      for (Dimension d : Dimension.values()) {
        for (String key : f.keys(d)) {
          action.accept(tables[d.ordinal()].slice(key, false));
        }
      }
    });
  }

  /** Distinct keys held for {@code dimension}, never more than the cap ({@link #OTHER} not counted). */
  public int keyCount(Dimension dimension) {
    return tables[dimension.ordinal()].keyCount();
  }

  /** The cap on distinct keys per dimension. */
  public int maxKeysPerDimension() {
    return maxKeys;
  }

  /** Everything the ledger knows now. Takes each slice's lock briefly; safe to call while calls flow. */
  public LedgerSnapshot snapshot() {
    long now = clock.millis();
    Map<Dimension, List<SliceSnapshot>> slices = new EnumMap<>(Dimension.class);
    Map<Dimension, Long> overflow = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      slices.put(d, tables[d.ordinal()].snapshot(now));
      overflow.put(d, tables[d.ordinal()].overflowCalls());
    }
    return new LedgerSnapshot(Instant.ofEpochMilli(now), overall.snapshot(now), Map.copyOf(slices),
        Map.copyOf(overflow), rateLimits.snapshot(), inFlight.snapshot());
  }

  private static String agentOf(SpanRecord span) {
    String agent = span.attributes().get(Attribution.AGENT_NAME);
    return agent == null || agent.isEmpty() ? UNATTRIBUTED : agent;
  }

  /** Configures a {@link CostLedger}. Not thread-safe. */
  public static final class Builder {
    private CostCalculator prices = PriceTable.bundled();
    private Clock clock = Clock.systemUTC();
    private int maxKeysPerDimension = 5_000;
    private int maxTraces = 10_000;
    private final List<AiCallObserver> observers = new ArrayList<>();

    private Builder() {}

    /** How calls are priced; default the bundled {@link PriceTable}. */
    public Builder prices(CostCalculator prices) {
      this.prices = requireNonNull(prices, "prices");
      return this;
    }

    /** The clock of the rolling windows; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Distinct keys kept per dimension before calls go to {@link #OTHER}; default 5,000. */
    public Builder maxKeysPerDimension(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxKeysPerDimension must be at least 1, was " + max);
      }
      this.maxKeysPerDimension = max;
      return this;
    }

    /** Recent traces and tasks remembered for crediting scores and value; default 10,000. */
    public Builder maxTraces(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTraces must be at least 1, was " + max);
      }
      this.maxTraces = max;
      return this;
    }

    /** Adds an observer told about every priced call (budgets, anomaly detection, metrics). */
    public Builder addObserver(AiCallObserver observer) {
      observers.add(requireNonNull(observer, "observer"));
      return this;
    }

    public CostLedger build() {
      return new CostLedger(this);
    }
  }
}
