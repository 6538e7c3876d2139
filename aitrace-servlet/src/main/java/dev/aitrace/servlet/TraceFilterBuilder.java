package dev.aitrace.servlet;

import static java.util.Objects.requireNonNull;

import dev.aitrace.AiTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Configures a {@link TraceFilter}. Every setter checks its argument at once and fails with an
 * exception that names the bad value. Not thread-safe; the filter it builds is immutable.
 *
 * <pre>{@code
 * TraceFilter filter = TraceFilter.builder(aiTrace)
 *     .excludePaths("/health", "/static/*", "*.css")
 *     .trustIncoming(false)                       // a public edge: incoming trace ids become links
 *     .userId(UserIdResolver.principal())
 *     .recordRequestHeaders("X-Request-Id")
 *     .build();
 * }</pre>
 */
public final class TraceFilterBuilder {
  private final AiTrace aiTrace;
  private final List<String> excludedPaths = new ArrayList<>();
  private boolean trustIncoming = true;
  private UserIdResolver userId = UserIdResolver.none();
  private RouteResolver routes = RouteResolver.servletMapping();
  private final List<String> recordedHeaders = new ArrayList<>();
  private boolean captureQuery;

  TraceFilterBuilder(AiTrace aiTrace) {
    this.aiTrace = requireNonNull(aiTrace, "aiTrace");
  }

  /**
   * Paths the filter leaves alone: no span, no header. {@code /health} (exact), {@code /static/*}
   * (that path and everything below), {@code *.css} (by extension), or a glob with {@code *} (one
   * segment) and {@code **} (any depth). Matched against the path inside the web application.
   * Adds to the patterns given before.
   */
  public TraceFilterBuilder excludePaths(String... patterns) {
    return excludePaths(Arrays.asList(requireNonNull(patterns, "patterns")));
  }

  /** See {@link #excludePaths(String...)}. */
  public TraceFilterBuilder excludePaths(Collection<String> patterns) {
    requireNonNull(patterns, "patterns");
    PathPatterns.of(List.copyOf(patterns)); // fail now, naming the bad pattern
    excludedPaths.addAll(patterns);
    return this;
  }

  /**
   * Whether incoming {@code traceparent}/{@code X-Trace-ID} continue the caller's trace. Default
   * true. Set false on a public edge: each request then starts a fresh trace, the caller's span
   * context is kept only as a span link, and incoming {@code baggage} (which could claim any user
   * or budget) is ignored.
   */
  public TraceFilterBuilder trustIncoming(boolean trustIncoming) {
    this.trustIncoming = trustIncoming;
    return this;
  }

  /** How to find the user of a request. Default: none. */
  public TraceFilterBuilder userId(UserIdResolver userId) {
    this.userId = requireNonNull(userId, "userId");
    return this;
  }

  /** How to find the route of a request. Default: {@link RouteResolver#servletMapping()}. */
  public TraceFilterBuilder routes(RouteResolver routes) {
    this.routes = requireNonNull(routes, "routes");
    return this;
  }

  /**
   * Request headers to record as {@code http.request.header.<name>}. None by default. {@code
   * Authorization}, {@code Proxy-Authorization}, {@code Cookie} and API-key headers are never
   * recorded: asking for one fails here.
   *
   * @throws IllegalArgumentException naming the header
   */
  public TraceFilterBuilder recordRequestHeaders(String... names) {
    requireNonNull(names, "names");
    List<String> list = Arrays.asList(names);
    RecordedHeaders.of(list); // fail now, naming the bad header
    recordedHeaders.addAll(list);
    return this;
  }

  /** Whether to record {@code url.query}, with the values of credential parameters redacted. Default false. */
  public TraceFilterBuilder captureQuery(boolean captureQuery) {
    this.captureQuery = captureQuery;
    return this;
  }

  public TraceFilter build() {
    return new TraceFilter(settings());
  }

  FilterSettings settings() {
    return new FilterSettings(
        aiTrace,
        PathPatterns.of(excludedPaths),
        trustIncoming,
        userId,
        routes,
        RecordedHeaders.of(recordedHeaders),
        captureQuery);
  }
}
