package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.servlet.RouteResolver;
import dev.aitrace.servlet.TraceFilter;
import dev.aitrace.servlet.UserIdResolver;

/**
 * The README's Spring Boot snippet. Spring is not part of this build, so the
 * {@code FilterRegistrationBean} around it is shown in the README as text; what goes into it is
 * compiled here. Spring Boot does not run servlet container initializers from jars, so the filter
 * must be registered this way there.
 */
public final class ServletSpringBootSnippet {
  private ServletSpringBootSnippet() {}

  /** The filter for a Spring MVC application: routes from Spring's matched pattern, users from Spring Security. */
  public static TraceFilter traceFilter(AiTrace aiTrace) {
    // --- README: Spring Boot filter ---
    return TraceFilter.builder(aiTrace)
        .excludePaths("/actuator/*")
        .routes(RouteResolver.firstOf(
            RouteResolver.attribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern"),
            RouteResolver.servletMapping()))
        .userId(UserIdResolver.principal()) // seen at the end of the request, after Spring Security ran
        .build();
    // --- end ---
  }
}
