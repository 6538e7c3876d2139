package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.SpanRecord;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each builder option, seen through a real Jetty and a real OkHttp client. */
class TraceFilterOptionsTest {
  private final SpanCollector spans = new SpanCollector();
  private final AiTrace aiTrace =
      AiTrace.builder().serviceName("servlet-options-test").addSpanProcessor(spans).shutdownHook(false).build();
  private final OkHttpClient client = new OkHttpClient();
  private JettyApp app;

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    aiTrace.close();
  }

  private void start(TraceFilter filter, Consumer<ServletContextHandler> before) throws Exception {
    app = JettyApp.start(context -> {
      before.accept(context);
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/hello");
      context.addServlet(new ServletHolder(new SetsUserLate()), "/late-user");
      context.addServlet(new ServletHolder(new SetsRoute()), "/items/*");
    });
  }

  private String get(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.body().string();
    }
  }

  @Test
  void untrustedEdge_startsAFreshTrace_andKeepsTheCallerAsALink() throws Exception {
    start(TraceFilter.builder(aiTrace).trustIncoming(false).build(), context -> {});
    String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callerSpan = "00f067aa0ba902b7";
    String traceIdHeader;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/hello"))
        .header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
        .header("baggage", "aitrace.user.id=mallory")
        .build()).execute()) {
      traceIdHeader = response.header("X-Trace-ID");
      assertThat(response.body().string()).contains("baggage_size=0", "user_id=none");
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.traceId()).isNotEqualTo(callerTrace).isEqualTo(traceIdHeader);
    assertThat(span.parentSpanId()).isEmpty();
    assertThat(span.links()).hasSize(1);
    assertThat(span.links().get(0).spanContext().getTraceId()).isEqualTo(callerTrace);
    assertThat(span.links().get(0).spanContext().getSpanId()).isEqualTo(callerSpan);
    assertThat(span.attributes().get(Attribution.USER_ID)).isNull();
  }

  @Test
  void userIdFromAHeader_isCurrentForTheRequest_andOnTheSpan() throws Exception {
    start(TraceFilter.builder(aiTrace).userId(UserIdResolver.header("X-User-Id")).build(), context -> {});
    String body = get(new Request.Builder().url(app.url("/hello")).header("X-User-Id", "u-42").build());
    assertThat(body).contains("user_id=u-42");
    assertThat(spans.takeOne().attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
  }

  @Test
  void userIdFromThePrincipal_thenAnAttribute_inOrder() throws Exception {
    Filter authentication = (request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      String who = http.getHeader("X-Test-Login");
      request.setAttribute("app.user", "attr-user");
      chain.doFilter(who == null ? request : new HttpServletRequestWrapper(http) {
        @Override
        public Principal getUserPrincipal() {
          return () -> who;
        }
      }, response);
    };
    start(TraceFilter.builder(aiTrace)
            .userId(UserIdResolver.firstOf(UserIdResolver.principal(), UserIdResolver.attribute("app.user")))
            .build(),
        context -> context.addFilter(new FilterHolder(authentication), "/*", EnumSet.of(DispatcherType.REQUEST)));
    assertThat(get(new Request.Builder().url(app.url("/hello")).header("X-Test-Login", "alice").build()))
        .contains("user_id=alice");
    assertThat(spans.takeOne().attributes().get(Attribution.USER_ID)).isEqualTo("alice");
    assertThat(get(new Request.Builder().url(app.url("/hello")).build())).contains("user_id=attr-user");
    assertThat(spans.takeOne().attributes().get(Attribution.USER_ID)).isEqualTo("attr-user");
  }

  @Test
  void userKnownOnlyAfterTheChain_isStillRecordedOnTheRequestSpan() throws Exception {
    start(TraceFilter.builder(aiTrace).userId(UserIdResolver.attribute("app.user")).build(), context -> {});
    assertThat(get(new Request.Builder().url(app.url("/late-user")).build())).contains("user_id=none");
    assertThat(spans.takeOne().attributes().get(Attribution.USER_ID)).isEqualTo("late-bob");
  }

  @Test
  void aFaultyResolver_neverBreaksTheRequest() throws Exception {
    start(TraceFilter.builder(aiTrace)
            .userId(request -> {
              throw new IllegalStateException("directory down");
            })
            .routes(request -> null)
            .build(),
        context -> {});
    try (Response response = client.newCall(new Request.Builder().url(app.url("/hello")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET");
    assertThat(span.attributes().get(Attribution.USER_ID)).isNull();
  }

  @Test
  void routeSetByTheFramework_renamesTheSpanAtTheEnd() throws Exception {
    start(TraceFilter.builder(aiTrace)
            .routes(RouteResolver.firstOf(RouteResolver.attribute("app.route"), RouteResolver.servletMapping()))
            .build(),
        context -> {});
    get(new Request.Builder().url(app.url("/items/981")).build());
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /items/{id}");
    assertThat(span.attributes().get(HttpAttributes.ROUTE)).isEqualTo("/items/{id}");
    assertThat(span.attributes().get(HttpAttributes.URL_PATH)).isEqualTo("/items/981");
  }

  @Test
  void recordedHeaders_areThoseAskedFor_oneValuePerLine() throws Exception {
    start(TraceFilter.builder(aiTrace).recordRequestHeaders("X-Request-Id", "Accept-Language").build(), context -> {});
    get(new Request.Builder().url(app.url("/hello"))
        .header("X-Request-Id", "req-1")
        .addHeader("Accept-Language", "de")
        .addHeader("Accept-Language", "en;q=0.5")
        .header("Authorization", "Bearer sk-secret")
        .header("X-Other", "not asked")
        .build());
    SpanRecord span = spans.takeOne();
    assertThat(span.attributes().get(HttpAttributes.requestHeader("x-request-id"))).containsExactly("req-1");
    assertThat(span.attributes().get(HttpAttributes.requestHeader("accept-language")))
        .containsExactly("de", "en;q=0.5");
    assertThat(span.attributes().asMap().keySet())
        .extracting(k -> k.getKey())
        .filteredOn(k -> k.startsWith("http.request.header."))
        .containsExactlyInAnyOrder("http.request.header.x-request-id", "http.request.header.accept-language");
    assertThat(span.attributes().asMap().values()).noneMatch(v -> v.toString().contains("sk-secret"));
  }

  @Test
  void credentialHeaders_areRefusedAtBuild() {
    for (String secret : List.of("Authorization", "cookie", "Proxy-Authorization", "X-Api-Key")) {
      assertThatThrownBy(() -> TraceFilter.builder(aiTrace).recordRequestHeaders("X-Request-Id", secret))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + secret + "'")
          .hasMessageContaining("never recorded");
    }
    assertThatThrownBy(() -> TraceFilter.builder(aiTrace).recordRequestHeaders("bad header"))
        .hasMessageContaining("'bad header'");
  }

  @Test
  void query_isRecordedOnlyWhenAsked_withCredentialsRedacted() throws Exception {
    start(TraceFilter.builder(aiTrace).captureQuery(true).build(), context -> {});
    get(new Request.Builder().url(app.url("/hello?q=cats&api_key=sk-123&page=2&Signature=abc")).build());
    assertThat(spans.takeOne().attributes().get(HttpAttributes.URL_QUERY))
        .isEqualTo("q=cats&api_key=REDACTED&page=2&Signature=REDACTED");
  }

  @Test
  void badPatterns_failAtBuild_namingThePattern() {
    assertThatThrownBy(() -> TraceFilter.builder(aiTrace).excludePaths("/health", "health"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'health'");
    assertThatThrownBy(() -> TraceFilter.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("aiTrace");
    assertThatThrownBy(() -> TraceFilter.builder(aiTrace).userId(null)).hasMessage("userId");
  }

  /** Sets the user attribute while handling, as an authentication library inside the servlet might. */
  static final class SetsUserLate extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.getWriter().print(Servlets.describe());
      request.setAttribute("app.user", "late-bob");
    }
  }

  /** Stores the matched route template, as a web framework's router does. */
  static final class SetsRoute extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.setAttribute("app.route", "/items/{id}");
      response.getWriter().print(Optional.ofNullable(request.getPathInfo()).orElse(""));
    }
  }
}
