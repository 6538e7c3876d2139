package dev.aitrace.servlet;

import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Jetty 12 (ee10) on 127.0.0.1 and a free port, with one servlet context set up by the test. */
final class JettyApp implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  final ServletContextHandler context;

  private JettyApp(Server server, ServerConnector connector, ServletContextHandler context) {
    this.server = server;
    this.connector = connector;
    this.context = context;
  }

  static JettyApp start(String contextPath, Consumer<ServletContextHandler> setup) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(64 * 1024); // room for the oversized headers the bad-input tests send
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath);
    setup.accept(context);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new JettyApp(server, connector, context);
  }

  static JettyApp start(Consumer<ServletContextHandler> setup) throws Exception {
    return start("/", setup);
  }

  int port() {
    return connector.getLocalPort();
  }

  HttpUrl url(String pathAndQuery) {
    return HttpUrl.get("http://127.0.0.1:" + port() + pathAndQuery);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
