package dev.aitrace.servlet;

import dev.aitrace.internal.Config;
import dev.aitrace.internal.SelfLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Installs the {@link TraceFilter} on {@code /*}, ahead of the application's own filters, when the
 * aitrace-servlet jar is on a web application's classpath. Containers that scan for {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} (Tomcat, Jetty with annotations
 * enabled, WildFly, Open Liberty...) run it on deployment; embedded containers only when told to,
 * and Spring Boot never runs initializers from jars: there, register the filter yourself.
 *
 * <p>Turn it off with the context init-param {@value #AUTO_PARAM}{@code =false} in {@code web.xml},
 * or for the whole JVM with the system property {@code aitrace.servlet.auto=false} or the
 * environment variable {@code AITRACE_SERVLET_AUTO=false}. It also stands back when the application
 * already declares a {@link TraceFilter} or a filter named {@value #FILTER_NAME}. The installed
 * filter reads its settings as described in {@link TraceFilter}.
 *
 * <pre>{@code
 * <context-param>
 *   <param-name>aitrace.auto</param-name>
 *   <param-value>false</param-value>
 * </context-param>
 * }</pre>
 */
public final class TraceFilterInitializer implements ServletContainerInitializer {
  /** The context init-param that turns the automatic installation off. */
  public static final String AUTO_PARAM = "aitrace.auto";
  /** The system property / environment key that turns it off for every application in the JVM. */
  public static final String AUTO_ENV = "AITRACE_SERVLET_AUTO";
  /** The name the filter is registered under. */
  public static final String FILTER_NAME = "aitrace";

  /** Called by the container through {@code ServiceLoader}. */
  public TraceFilterInitializer() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    try {
      if (!enabled(context)) {
        context.log("aitrace: TraceFilter not installed automatically (turned off)");
        return;
      }
      for (FilterRegistration existing : context.getFilterRegistrations().values()) {
        if (TraceFilter.class.getName().equals(existing.getClassName())) {
          return; // the application registers it itself
        }
      }
      FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, TraceFilter.class);
      if (registration == null) {
        return; // a filter with this name exists already
      }
      registration.setAsyncSupported(true);
      registration.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.FORWARD,
              DispatcherType.INCLUDE, DispatcherType.ERROR),
          false,
          "/*");
    } catch (IllegalArgumentException e) {
      throw e; // a bad value for the switch: fail the deployment with its message
    } catch (RuntimeException e) {
      SelfLog.fault("TraceFilterInitializer", e);
    }
  }

  private static boolean enabled(ServletContext context) {
    String param = context.getInitParameter(AUTO_PARAM);
    if (param != null && !param.isBlank()) {
      return Config.bool(AUTO_PARAM, param);
    }
    String env = Config.systemAndEnvironment().apply(AUTO_ENV);
    return env == null || Config.bool(AUTO_ENV, env);
  }
}
