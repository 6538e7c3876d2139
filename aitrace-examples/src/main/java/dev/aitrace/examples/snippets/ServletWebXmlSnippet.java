package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.servlet.TraceFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * The README's {@code web.xml} snippet, Java side: a listener that builds the application's one
 * {@link AiTrace} and puts it where a {@code web.xml}-declared {@link TraceFilter} finds it. The
 * descriptor itself is {@code src/main/resources/snippets/web.xml}. Without this listener the filter
 * builds its own {@code AiTrace.fromEnvironment()}.
 */
public final class ServletWebXmlSnippet {
  private ServletWebXmlSnippet() {}

  // --- README: web.xml listener ---
  /** Builds the AiTrace when the web application starts and closes it when it stops. */
  public static final class AiTraceListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
      AiTrace aiTrace = AiTrace.builder().serviceName("reports-webapp").fromEnvironment().build();
      event.getServletContext().setAttribute(TraceFilter.AITRACE_ATTRIBUTE, aiTrace);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      Object aiTrace = event.getServletContext().getAttribute(TraceFilter.AITRACE_ATTRIBUTE);
      if (aiTrace instanceof AiTrace) {
        ((AiTrace) aiTrace).close();
      }
    }
  }
  // --- end ---
}
