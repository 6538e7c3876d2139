package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.http.HttpAttributes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's servlet snippets, run: embedded Jetty, the web.xml descriptor, and the Spring Boot filter. */
class ServletSnippetsTest {
  private final BlockingQueue<SpanRecord> ended = new LinkedBlockingQueue<>();
  private final AiTrace aiTrace = AiTrace.builder().serviceName("snippets").shutdownHook(false)
      .addSpanProcessor(new SpanProcessor() {
        @Override
        public void onEnd(SpanRecord span) {
          ended.add(span);
        }
      })
      .build();
  private final OkHttpClient client = new OkHttpClient();
  private Server server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    aiTrace.close();
  }

  private String base() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Test
  void embeddedJetty_tracesRequests_andSkipsHealthChecks() throws Exception {
    server = ServletEmbeddedJettySnippet.start(aiTrace, 0);
    try (Response response = client.newCall(new Request.Builder().url(base() + "/hello").build()).execute()) {
      String traceId = response.header("X-Trace-ID");
      assertThat(traceId).matches("[0-9a-f]{32}");
      assertThat(response.body().string()).isEqualTo("hello from trace " + traceId);
    }
    SpanRecord span = ended.poll(10, TimeUnit.SECONDS);
    assertThat(span.name()).isEqualTo("GET /hello");
    try (Response response = client.newCall(new Request.Builder().url(base() + "/health").build()).execute()) {
      assertThat(response.header("X-Trace-ID")).isNull();
    }
  }

  @Test
  void webXml_declaresTheFilterByClassName_withItsInitParams(@TempDir Path webapp) throws Exception {
    Files.createDirectories(webapp.resolve("WEB-INF"));
    try (InputStream descriptor = getClass().getResourceAsStream("/snippets/web.xml")) {
      Files.copy(descriptor, webapp.resolve("WEB-INF/web.xml"));
    }
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    WebAppContext context = new WebAppContext(webapp.toString(), "/");
    context.setParentLoaderPriority(true);
    context.setThrowUnavailableOnStartupException(true);
    server.setHandler(context);
    server.start();
    try (Response response = client.newCall(new Request.Builder().url(base() + "/hello").build()).execute()) {
      String traceId = response.header("X-Trace-ID");
      assertThat(traceId).matches("[0-9a-f]{32}");
      assertThat(response.body().string()).isEqualTo("hello from trace " + traceId);
    }
    for (String excluded : new String[] {"/health", "/static/app.js", "/site.css"}) {
      try (Response response = client.newCall(new Request.Builder().url(base() + excluded).build()).execute()) {
        assertThat(response.header("X-Trace-ID")).as(excluded).isNull();
      }
    }
  }

  @Test
  void springBootFilter_namesSpansAfterSpringsMatchedPattern() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(ServletSpringBootSnippet.traceFilter(aiTrace)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new LikeSpringMvc()), "/*");
    server.setHandler(context);
    server.start();
    try (Response response = client.newCall(new Request.Builder().url(base() + "/orders/42").build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    SpanRecord span = ended.poll(10, TimeUnit.SECONDS);
    assertThat(span.name()).isEqualTo("GET /orders/{id}");
    assertThat(span.attributes().get(HttpAttributes.ROUTE)).isEqualTo("/orders/{id}");
    try (Response response = client.newCall(new Request.Builder().url(base() + "/actuator/health").build()).execute()) {
      assertThat(response.header("X-Trace-ID")).isNull();
    }
  }

  /** Stores the matched pattern where Spring MVC's DispatcherServlet does. */
  static final class LikeSpringMvc extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/orders/{id}");
      response.getWriter().print("order");
    }
  }
}
