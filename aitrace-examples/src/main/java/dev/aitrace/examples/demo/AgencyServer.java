package dev.aitrace.examples.demo;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The agency's HTTP side on an embedded Jetty: the trace filter in front of {@code POST /requests}
 * (the manager) and {@code POST /agents/qa} (the QA agent). The port is bound first ({@link
 * #bind}) because the manager needs the server's own URL to reach the QA agent.
 */
final class AgencyServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private AgencyServer(String host, int port) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("agency-http");
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
  }

  /** Binds {@code host:port} (0 picks a free port) without serving yet. */
  static AgencyServer bind(String host, int port) throws IOException {
    AgencyServer agency = new AgencyServer(host, port);
    try {
      agency.connector.open();
    } catch (IOException e) {
      throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
          + "); is another process using it? Pick another port with --port=N", e);
    }
    return agency;
  }

  /** Serves the agents behind {@code traceFilter}; {@code listener} hears of each client request served. */
  AgencyServer start(Filter traceFilter, Manager manager, QaAgent qa, Consumer<DemoRuntime.Outcome> listener)
      throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(traceFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new AgencyServlet(manager, listener)), AgencyServlet.PATH);
    context.addServlet(new ServletHolder(new QaServlet(qa)), QaServlet.PATH);
    server.setHandler(context);
    server.start();
    return this;
  }

  /** {@code http://host:port}, with the port actually bound. */
  String baseUrl() {
    return "http://" + connector.getHost() + ":" + connector.getLocalPort();
  }

  void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    connector.close();
  }
}
