package dev.aitrace.servlet;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the route of a request: the low-cardinality template that names the span ({@code GET
 * /users/{id}}) and fills {@code http.route}. Never the raw path, which would give every user its
 * own span name.
 *
 * <p>The filter asks when the request starts and again when it ends, so a resolver that reads what
 * a framework stored on the request while routing it (Spring MVC's best matching pattern, for
 * example) refines the span's name at the end. Implementations must be thread-safe and should not
 * throw; a throw counts as "no route".
 *
 * <pre>{@code
 * TraceFilter filter = TraceFilter.builder(aiTrace)
 *     .routes(RouteResolver.firstOf(
 *         RouteResolver.attribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern"),
 *         RouteResolver.servletMapping()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface RouteResolver {
  /** The route, or empty when unknown. */
  Optional<String> route(HttpServletRequest request);

  /** Never finds a route: spans are named by the method alone. */
  static RouteResolver none() {
    return request -> Optional.empty();
  }

  /**
   * The url-pattern of the servlet mapping that matched, under the context path: {@code
   * /shop/api/*}, {@code /shop/orders}, {@code /shop/*.jsp}, or {@code /shop/} for the context
   * root. The default servlet ({@code /}) matches everything, so it gives no route. The default.
   */
  static RouteResolver servletMapping() {
    return ServletMappingRoute.INSTANCE;
  }

  /** The string value of a request attribute, such as a web framework's matched pattern. */
  static RouteResolver attribute(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("route attribute name must not be blank");
    }
    return request -> {
      Object value = request.getAttribute(name);
      return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    };
  }

  /** The first route any of {@code resolvers} finds, asked in order. */
  static RouteResolver firstOf(RouteResolver... resolvers) {
    List<RouteResolver> list = List.of(requireNonNull(resolvers, "resolvers"));
    return request -> {
      for (RouteResolver resolver : list) {
        Optional<String> route = resolver.route(request);
        if (route.isPresent()) {
          return route;
        }
      }
      return Optional.empty();
    };
  }
}
