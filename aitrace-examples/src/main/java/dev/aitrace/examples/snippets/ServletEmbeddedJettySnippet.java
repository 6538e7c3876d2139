package dev.aitrace.examples.snippets;

import dev.aitrace.AiTrace;
import dev.aitrace.servlet.TraceFilter;
import dev.aitrace.servlet.UserIdResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The README's "embedded Jetty" snippet: the trace filter registered in code, in front of every
 * servlet, for plain and async requests.
 */
public final class ServletEmbeddedJettySnippet {
  private ServletEmbeddedJettySnippet() {}

  public static void main(String[] args) throws Exception {
    try (AiTrace aiTrace = AiTrace.fromEnvironment()) {
      Server server = start(aiTrace, 8080);
      server.join();
    }
  }

  /** Starts Jetty on {@code port} (0 for a free one) with the filter in front of {@code /hello}. */
  public static Server start(AiTrace aiTrace, int port) throws Exception {
    // --- README: embedded Jetty ---
    TraceFilter traceFilter = TraceFilter.builder(aiTrace)
        .excludePaths("/health", "/static/*")
        .userId(UserIdResolver.principal())
        .build();
    ServletContextHandler context = new ServletContextHandler();
    FilterHolder holder = new FilterHolder(traceFilter);
    holder.setAsyncSupported(true);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    context.addServlet(new ServletHolder(new Hello()), "/hello");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    // --- end ---
    return server;
  }

  /** Answers with the trace id, which the response also carries in {@code X-Trace-ID}. */
  public static final class Hello extends HttpServlet {
    /** For containers, which create servlets named in {@code web.xml} by reflection. */
    public Hello() {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print("hello from trace " + AiTrace.currentTraceId().orElse("none"));
    }
  }
}
