package dev.aitrace.benchmarks;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second through a real Jetty 12 server with one hello-world servlet, driven over
 * loopback by an OkHttp client with keep-alive, without and with aitrace's trace filter in front of
 * the servlet. Client and server share the machine, as the ratio between the two is what counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class TraceFilterBenchmark {
  static final byte[] HELLO = "hello, world\n".getBytes(StandardCharsets.UTF_8);

  @Param({"none", "aitrace"})
  public String filter;

  private Server server;
  private OkHttpClient client;
  private Request request;
  private FilterSetup filterSetup;

  @Setup
  public void setUp() throws Exception {
    filterSetup = FilterSetup.create(filter);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
    Filter traceFilter = filterSetup.filter();
    if (traceFilter != null) {
      context.addFilter(new FilterHolder(traceFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    server.setHandler(context);
    server.start();
    client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    request = new Request.Builder().url("http://127.0.0.1:" + connector.getLocalPort() + "/hello").build();
    if (get() != HELLO.length) {
      throw new IllegalStateException("the hello servlet did not answer");
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    server.stop();
    filterSetup.close();
  }

  @Benchmark
  public int request() throws IOException {
    return get();
  }

  private int get() throws IOException {
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return response.body().bytes().length;
    }
  }

  /** The application: answers a fixed greeting. */
  static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.setContentLength(HELLO.length);
      resp.getOutputStream().write(HELLO);
    }
  }
}
