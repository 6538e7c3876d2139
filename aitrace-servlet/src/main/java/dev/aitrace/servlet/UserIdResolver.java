package dev.aitrace.servlet;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Finds the id of the user a request is for. The {@link TraceFilter} makes it current as the
 * {@link dev.aitrace.Attribution} user id, so the request's span and every span and AI call under it
 * carry {@code aitrace.user.id} and the ledger can charge the user.
 *
 * <p>The filter asks once when the request starts and, if nothing was found then, once more when it
 * ends; that second look records the user on the request's own span when an authentication filter
 * further down the chain (such as Spring Security) only sets the principal later. Implementations
 * must be thread-safe and should not throw; a throw counts as "no user".
 *
 * <pre>{@code
 * TraceFilter filter = TraceFilter.builder(aiTrace)
 *     .userId(UserIdResolver.firstOf(UserIdResolver.principal(), UserIdResolver.header("X-User-Id")))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface UserIdResolver {
  /** The user id, or empty when this request has none this resolver can see. */
  Optional<String> userId(HttpServletRequest request);

  /** Never finds a user. The default. */
  static UserIdResolver none() {
    return request -> Optional.empty();
  }

  /** The name of the authenticated principal ({@link HttpServletRequest#getUserPrincipal()}). */
  static UserIdResolver principal() {
    return request -> {
      Principal principal = request.getUserPrincipal();
      return principal == null ? Optional.empty() : UserIds.clean(principal.getName());
    };
  }

  /**
   * The value of a request header, such as one set by an authenticating gateway. Only use this
   * behind a gateway that sets the header itself: a client can send any value.
   */
  static UserIdResolver header(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("userId header name must not be blank");
    }
    return request -> UserIds.clean(request.getHeader(name));
  }

  /** The string value of a request attribute that the application's own authentication sets. */
  static UserIdResolver attribute(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("userId attribute name must not be blank");
    }
    return request -> {
      Object value = request.getAttribute(name);
      return value == null ? Optional.empty() : UserIds.clean(value.toString());
    };
  }

  /** The first id any of {@code resolvers} finds, asked in order. */
  static UserIdResolver firstOf(UserIdResolver... resolvers) {
    List<UserIdResolver> list = List.of(requireNonNull(resolvers, "resolvers"));
    return request -> {
      for (UserIdResolver resolver : list) {
        Optional<String> id = resolver.userId(request);
        if (id.isPresent()) {
          return id;
        }
      }
      return Optional.empty();
    };
  }
}
