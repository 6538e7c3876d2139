package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.SpanRecord;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registration without code: the initializer found through {@code META-INF/services} as a container
 * finds it, and the filter created by class name with init-parameters, as from {@code web.xml}.
 * Embedded Jetty runs initializers only when given them, so each test hands Jetty what {@link
 * ServiceLoader} finds on the classpath.
 */
class TraceFilterInitializerTest {
  private final SpanCollector spans = new SpanCollector();
  private final AiTrace aiTrace =
      AiTrace.builder().serviceName("servlet-sci-test").addSpanProcessor(spans).shutdownHook(false).build();
  private final OkHttpClient client = new OkHttpClient();
  private JettyApp app;

  @AfterEach
  void stop() throws Exception {
    System.clearProperty("aitrace.servlet.auto");
    if (app != null) {
      app.close();
    }
    aiTrace.close();
  }

  private void startWithDiscoveredInitializers(Consumer<ServletContextHandler> setup) throws Exception {
    app = JettyApp.start(context -> {
      for (ServletContainerInitializer sci : ServiceLoader.load(ServletContainerInitializer.class)) {
        context.addServletContainerInitializer(sci);
      }
      context.setAttribute(TraceFilter.AITRACE_ATTRIBUTE, aiTrace);
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/hello");
      setup.accept(context);
    });
  }

  private Response get(String path) throws Exception {
    return client.newCall(new Request.Builder().url(app.url(path)).build()).execute();
  }

  @Test
  void theServicesFile_namesTheInitializer() {
    assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream().map(p -> p.type().getName()))
        .contains(TraceFilterInitializer.class.getName());
  }

  @Test
  void initializer_installsTheFilterOnEveryPath_usingTheContextsAiTrace() throws Exception {
    startWithDiscoveredInitializers(context -> context.setInitParameter("aitrace.excludedPaths", "/health"));
    try (Response response = get("/hello")) {
      assertThat(response.header("X-Trace-ID")).matches("[0-9a-f]{32}");
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /hello");
    try (Response response = get("/health")) {
      assertThat(response.header("X-Trace-ID")).as("context init-param configures it").isNull();
    }
    assertThat(app.context.getServletHandler().getFilters())
        .extracting(FilterHolder::getName)
        .containsExactly(TraceFilterInitializer.FILTER_NAME);
    assertThat(app.context.getServletHandler().getFilters()[0].isAsyncSupported()).isTrue();
    assertThat(spans.remaining()).isEmpty();
  }

  @Test
  void contextInitParam_turnsItOff() throws Exception {
    startWithDiscoveredInitializers(context -> context.setInitParameter(TraceFilterInitializer.AUTO_PARAM, "false"));
    try (Response response = get("/hello")) {
      assertThat(response.header("X-Trace-ID")).isNull();
    }
    assertThat(app.context.getServletHandler().getFilters()).isEmpty();
  }

  @Test
  void systemProperty_turnsItOff() throws Exception {
    System.setProperty("aitrace.servlet.auto", "false");
    startWithDiscoveredInitializers(context -> {});
    try (Response response = get("/hello")) {
      assertThat(response.header("X-Trace-ID")).isNull();
    }
    assertThat(app.context.getServletHandler().getFilters()).isEmpty();
  }

  @Test
  void anExplicitTraceFilter_isNotInstalledTwice() throws Exception {
    startWithDiscoveredInitializers(context -> context.addFilter(
        new FilterHolder(TraceFilter.create(aiTrace)), "/*", EnumSet.of(DispatcherType.REQUEST)));
    try (Response response = get("/hello")) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(spans.take(1)).extracting(SpanRecord::name).containsExactly("GET /hello");
    assertThat(app.context.getServletHandler().getFilters()).hasSize(1);
    assertThat(spans.remaining()).isEmpty();
  }

  @Test
  void twoTraceFilters_inOneChain_makeOneSpan() throws Exception {
    app = JettyApp.start(context -> {
      context.addFilter(new FilterHolder(TraceFilter.create(aiTrace)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addFilter(new FilterHolder(TraceFilter.create(aiTrace)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/hello");
    });
    String body;
    try (Response response = get("/hello")) {
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    assertThat(body).contains("span_id=" + span.spanId());
    assertThat(spans.remaining()).isEmpty();
  }

  @Test
  void webXmlStyle_filterCreatedByClassName_readsItsInitParams() throws Exception {
    app = JettyApp.start(context -> {
      context.setAttribute(TraceFilter.AITRACE_ATTRIBUTE, aiTrace);
      FilterHolder holder = context.addFilter(TraceFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
      holder.setInitParameter("aitrace.excludedPaths", "/health, *.css");
      holder.setInitParameter("aitrace.userId", "header:X-User-Id");
      holder.setInitParameter("aitrace.recordRequestHeaders", "X-Request-Id");
      holder.setInitParameter("aitrace.captureQuery", "true");
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/*");
    });
    try (Response response = get("/site.css")) {
      assertThat(response.header("X-Trace-ID")).isNull();
    }
    try (Response response = client.newCall(new Request.Builder().url(app.url("/hello?x=1"))
        .header("X-User-Id", "u-7").header("X-Request-Id", "r-9").build()).execute()) {
      assertThat(response.body().string()).contains("user_id=u-7");
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /*");
    assertThat(span.attributes().get(Attribution.USER_ID)).isEqualTo("u-7");
    assertThat(span.attributes().get(HttpAttributes.requestHeader("X-Request-Id"))).containsExactly("r-9");
    assertThat(span.attributes().get(HttpAttributes.URL_QUERY)).isEqualTo("x=1");
    assertThat(spans.remaining()).isEmpty();
  }

  @Test
  void webXmlStyle_aBadInitParam_failsTheStart_namingKeyAndValue() {
    assertThatThrownBy(() -> JettyApp.start(context -> {
      context.setAttribute(TraceFilter.AITRACE_ATTRIBUTE, aiTrace);
      FilterHolder holder = context.addFilter(TraceFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
      holder.setInitParameter("aitrace.trustIncoming", "maybe");
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/*");
    }))
        .rootCause()
        .hasMessageContaining("aitrace.trustIncoming")
        .hasMessageContaining("'maybe'");
  }

  @Test
  void initParamSyntax_isCheckedPerEntry() {
    assertThatThrownBy(() -> InitParams.apply(TraceFilter.builder(aiTrace),
            key -> key.equals(InitParams.USER_ID) ? "principal, session:abc" : null))
        .hasMessageContaining("aitrace.userId")
        .hasMessageContaining("'session:abc'");
    assertThat(List.of(InitParams.EXCLUDED_PATHS, InitParams.TRUST_INCOMING, InitParams.USER_ID,
            InitParams.ROUTE_ATTRIBUTE, InitParams.RECORD_REQUEST_HEADERS, InitParams.CAPTURE_QUERY))
        .extracting(InitParams::environmentName)
        .containsExactly("AITRACE_SERVLET_EXCLUDED_PATHS", "AITRACE_SERVLET_TRUST_INCOMING",
            "AITRACE_SERVLET_USER_ID", "AITRACE_SERVLET_ROUTE_ATTRIBUTE",
            "AITRACE_SERVLET_RECORD_REQUEST_HEADERS", "AITRACE_SERVLET_CAPTURE_QUERY");
  }
}
