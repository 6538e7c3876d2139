package dev.aitrace.servlet;

import dev.aitrace.internal.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link TraceFilter}'s init-parameters, for {@code web.xml} and for the filter the
 * {@link TraceFilterInitializer} installs. Each is looked up as a filter init-param, then as a
 * context init-param of the same name, then as a system property or environment variable (the
 * name in the third column; {@code -Daitrace.servlet.excluded.paths=...} works too).
 *
 * <table>
 *   <caption>init-parameters</caption>
 *   <tr><th>init-param</th><th>value</th><th>environment</th></tr>
 *   <tr><td>{@code aitrace.excludedPaths}</td><td>comma list of path patterns</td><td>{@code AITRACE_SERVLET_EXCLUDED_PATHS}</td></tr>
 *   <tr><td>{@code aitrace.trustIncoming}</td><td>{@code true} (default) or {@code false}</td><td>{@code AITRACE_SERVLET_TRUST_INCOMING}</td></tr>
 *   <tr><td>{@code aitrace.userId}</td><td>comma list of {@code principal}, {@code header:NAME}, {@code attribute:NAME}</td><td>{@code AITRACE_SERVLET_USER_ID}</td></tr>
 *   <tr><td>{@code aitrace.routeAttribute}</td><td>a request attribute holding the route, tried before the servlet mapping</td><td>{@code AITRACE_SERVLET_ROUTE_ATTRIBUTE}</td></tr>
 *   <tr><td>{@code aitrace.recordRequestHeaders}</td><td>comma list of header names</td><td>{@code AITRACE_SERVLET_RECORD_REQUEST_HEADERS}</td></tr>
 *   <tr><td>{@code aitrace.captureQuery}</td><td>{@code true} or {@code false} (default)</td><td>{@code AITRACE_SERVLET_CAPTURE_QUERY}</td></tr>
 * </table>
 */
final class InitParams {
  static final String EXCLUDED_PATHS = "aitrace.excludedPaths";
  static final String TRUST_INCOMING = "aitrace.trustIncoming";
  static final String USER_ID = "aitrace.userId";
  static final String ROUTE_ATTRIBUTE = "aitrace.routeAttribute";
  static final String RECORD_REQUEST_HEADERS = "aitrace.recordRequestHeaders";
  static final String CAPTURE_QUERY = "aitrace.captureQuery";

  private InitParams() {}

  /** The environment name of an init-param: {@code aitrace.trustIncoming} is {@code AITRACE_SERVLET_TRUST_INCOMING}. */
  static String environmentName(String param) {
    String name = param.substring("aitrace.".length());
    StringBuilder env = new StringBuilder("AITRACE_SERVLET_");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        env.append('_');
      }
      env.append(Character.toUpperCase(c));
    }
    return env.toString();
  }

  /**
   * Applies every parameter {@code lookup} has a value for.
   *
   * @throws IllegalArgumentException naming the parameter and the value when one is invalid
   */
  static TraceFilterBuilder apply(TraceFilterBuilder builder, Function<String, String> lookup) {
    String value;
    if ((value = lookup.apply(EXCLUDED_PATHS)) != null) {
      builder.excludePaths(list(value));
    }
    if ((value = lookup.apply(TRUST_INCOMING)) != null) {
      builder.trustIncoming(Config.bool(TRUST_INCOMING, value));
    }
    if ((value = lookup.apply(USER_ID)) != null) {
      builder.userId(userId(value));
    }
    if ((value = lookup.apply(ROUTE_ATTRIBUTE)) != null) {
      builder.routes(RouteResolver.firstOf(RouteResolver.attribute(value.strip()), RouteResolver.servletMapping()));
    }
    if ((value = lookup.apply(RECORD_REQUEST_HEADERS)) != null) {
      builder.recordRequestHeaders(list(value).toArray(new String[0]));
    }
    if ((value = lookup.apply(CAPTURE_QUERY)) != null) {
      builder.captureQuery(Config.bool(CAPTURE_QUERY, value));
    }
    return builder;
  }

  private static UserIdResolver userId(String value) {
    List<UserIdResolver> resolvers = new ArrayList<>();
    for (String source : list(value)) {
      if (source.equals("principal")) {
        resolvers.add(UserIdResolver.principal());
      } else if (source.startsWith("header:") && source.length() > 7) {
        resolvers.add(UserIdResolver.header(source.substring(7).strip()));
      } else if (source.startsWith("attribute:") && source.length() > 10) {
        resolvers.add(UserIdResolver.attribute(source.substring(10).strip()));
      } else {
        throw new IllegalArgumentException(USER_ID + ": expected principal, header:NAME or attribute:NAME, was '"
            + source + "' in '" + value + "'");
      }
    }
    return resolvers.size() == 1 ? resolvers.get(0) : UserIdResolver.firstOf(resolvers.toArray(new UserIdResolver[0]));
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }
}
