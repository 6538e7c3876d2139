package dev.aitrace.score;

import static java.util.Objects.requireNonNull;

import dev.aitrace.Attribution;
import dev.aitrace.internal.SelfLog;
import dev.aitrace.ledger.CostLedger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Records, after the fact, how good a piece of work was (a quality score with a comment) or what it
 * was worth (business value in US dollars), against the trace or the task that did it. Each record is
 * aggregated in the {@link CostLedger} (quality per agent, value and ROI per budget category, ...) and
 * exported as a small span named {@code score {name}} or {@code value}. Recorded from inside the
 * scored trace (by a reviewer agent, say), that span is a child of the current span; recorded later,
 * while the ledger still knows the trace, it joins the scored trace (a child of a span the ledger saw
 * in it, linked to that span), so the score sits
 * in the same tree as the agents, calls and costs it judges; otherwise it starts its own trace and
 * names the scored one in {@code aitrace.score.trace_id}. Thread-safe.
 *
 * <pre>{@code
 * String traceId = AiTrace.currentTraceId().orElseThrow(); // kept with the deliverable
 * ...
 * aiTrace.scores().scoreTrace(traceId, "reviewer_rating", 0.4, "numbers in section 2 are wrong");
 * aiTrace.scores().valueTask("report-7", new BigDecimal("1200.00"), "invoiced to ACME");
 * }</pre>
 */
public final class Scores {
  public static final AttributeKey<String> SCORE_NAME = AttributeKey.stringKey("aitrace.score.name");
  public static final AttributeKey<Double> SCORE_VALUE = AttributeKey.doubleKey("aitrace.score.value");
  public static final AttributeKey<String> SCORE_COMMENT = AttributeKey.stringKey("aitrace.score.comment");
  /** The trace a score or value is about. */
  public static final AttributeKey<String> SCORED_TRACE_ID = AttributeKey.stringKey("aitrace.score.trace_id");
  /** Business value in US dollars, as a double on the span; exact in the ledger. */
  public static final AttributeKey<Double> VALUE_USD = AttributeKey.doubleKey("aitrace.value.usd");

  private final Tracer tracer;
  private final CostLedger ledger;

  private Scores(Tracer tracer, CostLedger ledger) {
    this.tracer = tracer;
    this.ledger = ledger;
  }

  /** Scores recorded through {@code tracer} and aggregated in {@code ledger}. */
  public static Scores create(Tracer tracer, CostLedger ledger) {
    return new Scores(requireNonNull(tracer, "tracer"), requireNonNull(ledger, "ledger"));
  }

  /**
   * Records a quality score for a trace.
   *
   * @param traceId 32 lowercase hex digits, as {@code AiTrace.currentTraceId()} gives
   * @param name what is scored, such as {@code accuracy} or {@code reviewer_rating}
   * @param value the score; any finite number, by convention 0 (bad) to 1 (good)
   * @param comment why; may be empty
   */
  public void scoreTrace(String traceId, String name, double value, String comment) {
    checkTraceId(traceId);
    checkScore(name, value, comment);
    Optional<String> spanId = ledger.recordTraceScore(traceId, value);
    emit("score " + name, traceId, spanId, b -> b.setAttribute(SCORE_NAME, name).setAttribute(SCORE_VALUE, value)
        .setAttribute(SCORE_COMMENT, comment));
  }

  /** Records a quality score for a task ({@link Attribution#taskId()}); see {@link #scoreTrace}. */
  public void scoreTask(String taskId, String name, double value, String comment) {
    checkTask(taskId);
    checkScore(name, value, comment);
    ledger.recordTaskScore(taskId, value);
    emit("score " + name, null, Optional.empty(), b -> b.setAttribute(SCORE_NAME, name)
        .setAttribute(SCORE_VALUE, value).setAttribute(SCORE_COMMENT, comment).setAttribute(Attribution.TASK_ID, taskId));
  }

  /** Records the business value a trace produced, in US dollars (not negative). */
  public void valueTrace(String traceId, BigDecimal usd, String comment) {
    checkTraceId(traceId);
    checkValue(usd, comment);
    Optional<String> spanId = ledger.recordTraceValue(traceId, usd);
    emit("value", traceId, spanId, b -> b.setAttribute(VALUE_USD, usd.doubleValue()).setAttribute(SCORE_COMMENT, comment));
  }

  /** Records the business value a task produced, in US dollars (not negative). */
  public void valueTask(String taskId, BigDecimal usd, String comment) {
    checkTask(taskId);
    checkValue(usd, comment);
    ledger.recordTaskValue(taskId, usd);
    emit("value", null, Optional.empty(), b -> b.setAttribute(VALUE_USD, usd.doubleValue())
        .setAttribute(SCORE_COMMENT, comment).setAttribute(Attribution.TASK_ID, taskId));
  }

  private void emit(String spanName, String traceId, Optional<String> spanId,
      java.util.function.Consumer<SpanBuilder> attributes) {
    try {
      SpanBuilder builder = tracer.spanBuilder(spanName).setSpanKind(SpanKind.INTERNAL);
      Span current = Span.current();
      if (traceId != null && current.getSpanContext().isValid()
          && current.getSpanContext().getTraceId().equals(traceId)) {
        // Scored from inside the trace (a reviewer agent): the score sits under the one who gave it.
        builder.setParent(Context.current());
      } else if (traceId != null && spanId.isPresent()) {
        SpanContext scored = SpanContext.createFromRemoteParent(traceId, spanId.get(), TraceFlags.getSampled(),
            TraceState.getDefault());
        builder.setParent(Context.root().with(Span.wrap(scored))).addLink(scored);
      } else {
        builder.setNoParent();
      }
      if (traceId != null) {
        builder.setAttribute(SCORED_TRACE_ID, traceId);
      }
      attributes.accept(builder);
      builder.startSpan().end();
    } catch (RuntimeException e) {
      SelfLog.fault("Scores.emit", e);
    }
  }

  private static void checkTraceId(String traceId) {
    requireNonNull(traceId, "traceId");
    if (!TraceId.isValid(traceId)) {
      throw new IllegalArgumentException("traceId must be 32 lowercase hex digits, not all zero, was '" + traceId + "'");
    }
  }

  private static void checkTask(String taskId) {
    requireNonNull(taskId, "taskId");
    if (taskId.isBlank()) {
      throw new IllegalArgumentException("taskId must not be blank");
    }
  }

  private static void checkScore(String name, double value, String comment) {
    requireNonNull(name, "name");
    requireNonNull(comment, "comment");
    if (name.isBlank()) {
      throw new IllegalArgumentException("score name must not be blank");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("score value must be a finite number, was " + value);
    }
  }

  private static void checkValue(BigDecimal usd, String comment) {
    requireNonNull(usd, "usd");
    requireNonNull(comment, "comment");
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("value must not be negative, was " + usd.toPlainString());
    }
  }
}
