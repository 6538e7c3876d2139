package dev.aitrace.examples.conformance;

import dev.aitrace.AiTrace;
import dev.aitrace.http.TracingInterceptor;
import dev.aitrace.servlet.TraceFilter;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The test service of the W3C Trace Context conformance suite ({@code test/} in
 * github.com/w3c/trace-context): {@code POST /test} on an embedded Jetty, behind the {@link
 * TraceFilter}, making its calls through OkHttp with the {@link TracingInterceptor}. So the suite
 * checks exactly what an application gets: the filter's extraction and the interceptor's injection.
 *
 * <p>Listens on 127.0.0.1:5000; the first argument or {@code CONFORMANCE_PORT} picks another port,
 * {@code CONFORMANCE_HOST} another address. It stays on the loopback interface by default because
 * it POSTs to any URL it is given. Then, from a checkout of w3c/trace-context:
 * {@code STRICT_LEVEL=2 python test/test.py http://127.0.0.1:5000/test}.
 */
public final class ConformanceService implements AutoCloseable {
  static final int DEFAULT_PORT = 5000;
  static final String DEFAULT_HOST = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;
  private final OkHttpClient client;

  private ConformanceService(Server server, ServerConnector connector, OkHttpClient client) {
    this.server = server;
    this.connector = connector;
    this.client = client;
  }

  public static void main(String[] args) throws Exception {
    Function<String, String> env = System::getenv;
    int port = port(args, env);
    String host = env.apply("CONFORMANCE_HOST") == null ? DEFAULT_HOST : env.apply("CONFORMANCE_HOST");
    AiTrace aiTrace = AiTrace.builder().serviceName("aitrace-conformance").fromEnvironment().build();
    ConformanceService service = start(aiTrace, host, port);
    System.out.println("W3C trace-context test service on http://" + host + ":" + service.port() + ConformanceServlet.PATH);
    service.server.join();
  }

  /**
   * The port: the first argument, else {@code CONFORMANCE_PORT}, else 5000.
   *
   * @throws IllegalArgumentException naming the source and the value when it is not a port number
   */
  static int port(String[] args, Function<String, String> env) {
    String source = "argument";
    String value = args.length > 0 ? args[0] : null;
    if (value == null) {
      source = "CONFORMANCE_PORT";
      value = env.apply(source);
    }
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(source + " must be a port number (0-65535), was '" + value + "'");
  }

  /** Starts the service on {@code host:port} (0 picks a free port). */
  public static ConformanceService start(AiTrace aiTrace, String host, int port) throws Exception {
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(TracingInterceptor.create(aiTrace))
        .callTimeout(Duration.ofSeconds(5)) // the harness gives each test case 5 seconds
        .build();
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("conformance");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(TraceFilter.create(aiTrace)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new ConformanceServlet(client)), ConformanceServlet.PATH);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new ConformanceService(server, connector, client);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port/test}. */
  public String endpoint() {
    return "http://" + connector.getHost() + ":" + port() + ConformanceServlet.PATH;
  }

  @Override
  public void close() throws Exception {
    server.stop();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
