package dev.aitrace.servlet;

import dev.aitrace.AiTrace;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** What a {@link TraceFilter} was configured with. Immutable. */
final class FilterSettings {
  final AiTrace aiTrace;
  final Tracer tracer;
  final TextMapPropagator propagator;
  final PathPatterns excludedPaths;
  final boolean trustIncoming;
  final UserIdResolver userId;
  final RouteResolver routes;
  final RecordedHeaders recordedHeaders;
  final boolean captureQuery;

  FilterSettings(
      AiTrace aiTrace,
      PathPatterns excludedPaths,
      boolean trustIncoming,
      UserIdResolver userId,
      RouteResolver routes,
      RecordedHeaders recordedHeaders,
      boolean captureQuery) {
    this.aiTrace = aiTrace;
    this.tracer = aiTrace.tracer(TraceFilter.SCOPE);
    this.propagator = aiTrace.propagator();
    this.excludedPaths = excludedPaths;
    this.trustIncoming = trustIncoming;
    this.userId = userId;
    this.routes = routes;
    this.recordedHeaders = recordedHeaders;
    this.captureQuery = captureQuery;
  }

  @Override
  public String toString() {
    return "TraceFilter{service=" + aiTrace.serviceName()
        + ", excludedPaths=" + excludedPaths
        + ", trustIncoming=" + trustIncoming
        + ", recordRequestHeaders=" + recordedHeaders.names()
        + ", captureQuery=" + captureQuery + "}";
  }
}
