package dev.aitrace.servlet;

import dev.aitrace.AiTrace;
import dev.aitrace.internal.Config;
import dev.aitrace.internal.SelfLog;
import dev.aitrace.propagation.TraceIdHeader;
import io.opentelemetry.context.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/**
 * Traces each HTTP request a web application serves: continues the caller's trace from W3C {@code
 * traceparent}/{@code tracestate}/{@code baggage} (else {@code X-Trace-ID}), records a SERVER span
 * {@code {method} {route}} with the HTTP semantic-convention attributes, makes it current for the
 * request (so every agent, AI call and outgoing call joins the trace, and logs carry {@code
 * trace_id}/{@code span_id} in the MDC), and sets {@code X-Trace-ID} on the response before
 * anything is written, so a user can quote it. The span ends once, when the response is complete:
 * when the chain returns, or for an async request when the container completes it.
 *
 * <p>The application's exceptions pass through unchanged; the span records them with status ERROR
 * and {@code http.response.status_code} 500. Forwards, includes, async and error dispatches run in
 * the request's span rather than starting another. Tracing faults are logged once and never reach
 * the application.
 *
 * <p>Programmatic registration (embedded Jetty, Spring Boot's {@code FilterRegistrationBean}):
 *
 * <pre>{@code
 * TraceFilter filter = TraceFilter.builder(aiTrace).excludePaths("/health").build();
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * <p>In {@code web.xml}, or installed by {@link TraceFilterInitializer}, the container creates the
 * filter with its public no-argument constructor. {@link #init} then takes the {@link AiTrace} from
 * the servlet context attribute {@value #AITRACE_ATTRIBUTE} (set it from a {@code
 * ServletContextListener}); without one it builds its own from {@link AiTrace#fromEnvironment()} and
 * closes it in {@link #destroy()}. Its settings come from init-parameters ({@code
 * aitrace.excludedPaths}, {@code aitrace.trustIncoming}, {@code aitrace.userId}, {@code
 * aitrace.routeAttribute}, {@code aitrace.recordRequestHeaders}, {@code aitrace.captureQuery}), each
 * also read from a context init-param of the same name and from the environment ({@code
 * AITRACE_SERVLET_EXCLUDED_PATHS}...). A filter made by the builder ignores init-parameters.
 *
 * <p>Thread-safe.
 */
public final class TraceFilter implements Filter {
  /** The servlet context attribute where a {@code web.xml}-created filter looks for the {@link AiTrace}. */
  public static final String AITRACE_ATTRIBUTE = "dev.aitrace.AiTrace";
  /** The response header that carries the request's trace id. */
  public static final String TRACE_ID_HEADER = TraceIdHeader.NAME;
  /** The instrumentation scope of the filter's spans. */
  public static final String SCOPE = "dev.aitrace.servlet";

  private volatile FilterSettings settings;
  private volatile AiTrace owned;

  /**
   * For containers, which create filters named in {@code web.xml} by reflection; the filter is
   * configured in {@link #init}. Code should use {@link #create} or {@link #builder}.
   */
  public TraceFilter() {}

  TraceFilter(FilterSettings settings) {
    this.settings = settings;
  }

  /** A filter with the default settings. */
  public static TraceFilter create(AiTrace aiTrace) {
    return builder(aiTrace).build();
  }

  public static TraceFilterBuilder builder(AiTrace aiTrace) {
    return new TraceFilterBuilder(aiTrace);
  }

  /**
   * Configures a container-created filter from its init-parameters; does nothing for a built one.
   *
   * @throws ServletException naming the parameter and value when one is invalid, or when the
   *     context attribute {@value #AITRACE_ATTRIBUTE} holds something other than an {@link AiTrace}
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (settings != null) {
      return;
    }
    ServletContext context = config.getServletContext();
    Object attribute = context == null ? null : context.getAttribute(AITRACE_ATTRIBUTE);
    if (attribute != null && !(attribute instanceof AiTrace)) {
      throw new ServletException("aitrace: servlet context attribute " + AITRACE_ATTRIBUTE
          + " must hold a dev.aitrace.AiTrace, was " + attribute.getClass().getName());
    }
    Function<String, String> environment = Config.systemAndEnvironment();
    Function<String, String> lookup =
        name -> {
          String value = config.getInitParameter(name);
          if ((value == null || value.isBlank()) && context != null) {
            value = context.getInitParameter(name);
          }
          if (value == null || value.isBlank()) {
            value = environment.apply(InitParams.environmentName(name));
          }
          return value == null || value.isBlank() ? null : value;
        };
    AiTrace aiTrace = (AiTrace) attribute;
    try {
      if (aiTrace == null) {
        aiTrace = AiTrace.fromEnvironment();
        owned = aiTrace;
      }
      settings = InitParams.apply(new TraceFilterBuilder(aiTrace), lookup).settings();
    } catch (IllegalArgumentException e) {
      destroy();
      throw new ServletException("aitrace TraceFilter '" + config.getFilterName() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    FilterSettings current = settings;
    if (current == null || !(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Object existing = request.getAttribute(ServerSpan.ATTRIBUTE);
    if (existing instanceof ServerSpan) {
      continueIn((ServerSpan) existing, request, response, chain);
      return;
    }
    ServerSpan span = null;
    if (request.getDispatcherType() == DispatcherType.REQUEST && !isExcluded(current, request)) {
      try {
        span = ServerSpan.start(current, request, response);
      } catch (Throwable t) {
        SelfLog.fault("TraceFilter.start", t);
      }
    }
    if (span == null) {
      chain.doFilter(request, response);
      return;
    }
    try (Scope ignored = span.makeCurrent()) {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      span.recordError(t);
      throw t;
    } finally {
      afterChain(span, request, response);
    }
  }

  /** A forward, include, async or error dispatch of a request that already has its span. */
  private static void continueIn(
      ServerSpan span, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (span.isCurrent()) {
      chain.doFilter(request, response);
      return;
    }
    // the listener registered by the first dispatch (and re-registered on each startAsync) ends the span
    try (Scope ignored = span.makeCurrent()) {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      span.recordError(t);
      throw t;
    }
  }

  /** Ends the span now, or when the container completes the async request the chain started. */
  private static void afterChain(ServerSpan span, HttpServletRequest request, HttpServletResponse response) {
    try {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new AsyncSpanListener(span, request, response), request, response);
        return;
      }
    } catch (IllegalStateException e) {
      // completed between the two calls: the response is done, so end now
    } catch (Throwable t) {
      SelfLog.fault("TraceFilter.async", t);
    }
    span.end(request, response);
  }

  private static boolean isExcluded(FilterSettings settings, HttpServletRequest request) {
    if (settings.excludedPaths.isEmpty()) {
      return false;
    }
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    String path = uri == null ? "" : uri;
    if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
      path = path.substring(contextPath.length());
    }
    int semicolon = path.indexOf(';');
    if (semicolon >= 0) {
      path = path.substring(0, semicolon); // path parameters such as ;jsessionid
    }
    return settings.excludedPaths.matches(path.isEmpty() ? "/" : path);
  }

  /** Closes the {@link AiTrace} this filter built for itself, if it did. */
  @Override
  public void destroy() {
    AiTrace own = owned;
    owned = null;
    if (own != null) {
      own.close();
    }
  }

  @Override
  public String toString() {
    FilterSettings current = settings;
    return current == null ? "TraceFilter{not initialized}" : current.toString();
  }
}
