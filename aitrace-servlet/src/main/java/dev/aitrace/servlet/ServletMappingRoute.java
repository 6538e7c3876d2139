package dev.aitrace.servlet;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.Optional;

/** {@link RouteResolver#servletMapping()}: the matched url-pattern, under the context path. */
final class ServletMappingRoute implements RouteResolver {
  static final ServletMappingRoute INSTANCE = new ServletMappingRoute();

  private ServletMappingRoute() {}

  @Override
  public Optional<String> route(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getMappingMatch() == null) {
      return Optional.empty();
    }
    String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
    String pattern = mapping.getPattern();
    switch (mapping.getMappingMatch()) {
      case CONTEXT_ROOT:
        return Optional.of(contextPath + "/");
      case EXACT:
      case PATH:
        if (pattern == null || pattern.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(contextPath.isEmpty() ? pattern : contextPath + pattern);
      case EXTENSION:
        return pattern == null || pattern.isEmpty() ? Optional.empty() : Optional.of(contextPath + "/" + pattern);
      case DEFAULT:
      default:
        // "/" is the default servlet: it matches every path, so it says nothing about the route
        return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "RouteResolver.servletMapping()";
  }
}
