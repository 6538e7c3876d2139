package dev.aitrace.budget;

import dev.aitrace.Attribution;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Optional;

/** Whose spending a {@link Budget} limits. */
public enum BudgetScope {
  /** Each trace (one user request and everything it caused). */
  TRACE,
  /** Each user ({@link Attribution#userId()}). */
  USER,
  /** Each task ({@link Attribution#taskId()}). */
  TASK,
  /** Each budget category ({@link Attribution#budgetCategory()}). */
  CATEGORY;

  /** The key this scope charges in {@code context}; empty when the context does not name one. */
  Optional<String> keyOf(Context context, Attribution attribution) {
    return switch (this) {
      case TRACE -> traceId(Span.fromContext(context).getSpanContext());
      case USER -> attribution.userId();
      case TASK -> attribution.taskId();
      case CATEGORY -> attribution.budgetCategory();
    };
  }

  /** The key this scope charges for a finished call with the given trace id and attribution. */
  Optional<String> keyOf(String traceId, Attribution attribution) {
    return switch (this) {
      case TRACE -> Optional.ofNullable(traceId).filter(id -> !id.isEmpty());
      case USER -> attribution.userId();
      case TASK -> attribution.taskId();
      case CATEGORY -> attribution.budgetCategory();
    };
  }

  private static Optional<String> traceId(SpanContext context) {
    return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
  }
}
