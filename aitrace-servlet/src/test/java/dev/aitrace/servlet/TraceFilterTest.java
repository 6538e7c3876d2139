package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter in a real Jetty 12, called by a real OkHttp client: synchronous requests. */
class TraceFilterTest {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT_ID = "00f067aa0ba902b7";

  private static final SpanCollector spans = new SpanCollector();
  private static final AiTrace aiTrace =
      AiTrace.builder().serviceName("servlet-test").addSpanProcessor(spans).shutdownHook(false).build();
  private static final IllegalStateException BOOM = new IllegalStateException("the report generator broke");
  private static final AtomicReference<Object> errorPageSaw = new AtomicReference<>();
  private static final OkHttpClient client = new OkHttpClient();
  private static JettyApp app;

  @BeforeAll
  static void startJetty() throws Exception {
    app = JettyApp.start("/shop", context -> {
      TraceFilter filter = TraceFilter.builder(aiTrace).excludePaths("/health", "/static/*").build();
      context.addFilter(new FilterHolder(filter), "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ERROR));
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/hello");
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/api/*");
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/health");
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/static/*");
      context.addServlet(new ServletHolder(new Servlets.Status()), "/status");
      context.addServlet(new ServletHolder(new Servlets.Throwing(BOOM)), "/boom");
      context.addServlet(new ServletHolder(new Servlets.Dispatching("/hello", false)), "/forward");
      context.addServlet(new ServletHolder(new Servlets.Dispatching("/hello", true)), "/include");
      context.addServlet(new ServletHolder(new Streaming()), "/stream");
      context.addServlet(new ServletHolder(new ErrorPage()), "/error-page");
      ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
      errors.addErrorPage(Throwable.class, "/error-page");
      context.setErrorHandler(errors);
    });
  }

  @AfterAll
  static void stopJetty() throws Exception {
    app.close();
    aiTrace.close();
  }

  @AfterEach
  void noSecondSpan() {
    assertThat(spans.remaining()).as("spans beyond the one request span").isEmpty();
  }

  @Test
  void syncRequest_recordsServerSpan_withHttpAttributes_andQuotableTraceId() throws Exception {
    String body;
    String traceIdHeader;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/hello?q=cats")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      traceIdHeader = response.header("X-Trace-ID");
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /shop/hello");
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.scopeName()).isEqualTo(TraceFilter.SCOPE);
    assertThat(span.parentSpanId()).isEmpty();
    assertThat(traceIdHeader).isEqualTo(span.traceId()).matches("[0-9a-f]{32}");
    assertThat(body)
        .contains("trace_id=" + span.traceId(), "span_id=" + span.spanId())
        .contains("mdc_trace_id=" + span.traceId(), "mdc_span_id=" + span.spanId());
    var a = span.attributes();
    assertThat(a.get(HttpAttributes.REQUEST_METHOD)).isEqualTo("GET");
    assertThat(a.get(HttpAttributes.REQUEST_METHOD_ORIGINAL)).isNull();
    assertThat(a.get(HttpAttributes.URL_PATH)).isEqualTo("/shop/hello");
    assertThat(a.get(HttpAttributes.URL_SCHEME)).isEqualTo("http");
    assertThat(a.get(HttpAttributes.URL_QUERY)).as("query is off by default").isNull();
    assertThat(a.get(HttpAttributes.ROUTE)).isEqualTo("/shop/hello");
    assertThat(a.get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(a.get(HttpAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(HttpAttributes.SERVER_PORT)).isEqualTo((long) app.port());
    assertThat(a.get(HttpAttributes.CLIENT_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(HttpAttributes.NETWORK_PEER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(HttpAttributes.NETWORK_PEER_PORT)).isPositive();
    assertThat(a.get(HttpAttributes.USER_AGENT_ORIGINAL)).startsWith("okhttp/");
    assertThat(a.get(HttpAttributes.NETWORK_PROTOCOL_VERSION)).isEqualTo("1.1");
    assertThat(a.get(HttpAttributes.ERROR_TYPE)).isNull();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void incomingTraceparent_continuesTheCallersTrace() throws Exception {
    Request request = new Request.Builder().url(app.url("/shop/api/orders/42"))
        .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
        .header("tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
        .build();
    String body;
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.header("X-Trace-ID")).isEqualTo(TRACE_ID);
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.traceId()).isEqualTo(TRACE_ID);
    assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(span.spanId()).isNotEqualTo(PARENT_ID);
    assertThat(span.spanContext().getTraceFlags().isSampled()).isTrue();
    assertThat(span.spanContext().getTraceState().get("rojo")).isEqualTo("00f067aa0ba902b7");
    assertThat(span.spanContext().getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
    assertThat(span.name()).isEqualTo("GET /shop/api/*");
    assertThat(span.attributes().get(HttpAttributes.CLIENT_ADDRESS)).isEqualTo("203.0.113.9");
    assertThat(span.attributes().get(HttpAttributes.NETWORK_PEER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(body).contains("trace_id=" + TRACE_ID, "current_trace_id=" + TRACE_ID);
  }

  @Test
  void notFound_isRecorded_butIsNotAServerError() throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/nothing-here")).build()).execute()) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("X-Trace-ID")).matches("[0-9a-f]{32}");
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).as("no route is known, so the method alone").isEqualTo("GET");
    assertThat(span.attributes().get(HttpAttributes.ROUTE)).isNull();
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(404L);
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isNull();
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void serverErrorStatus_marksTheSpanAsError() throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/status?status=503")).build()).execute()) {
      assertThat(response.code()).isEqualTo(503);
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(503L);
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("503");
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void exception_leaves500OnTheSpan_andReachesTheContainerUnchanged() throws Exception {
    errorPageSaw.set(null);
    String traceId;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/boom")).build()).execute()) {
      assertThat(response.code()).isEqualTo(500);
      traceId = response.header("X-Trace-ID");
      assertThat(response.body().string()).isEqualTo("error page for " + traceId);
    }
    assertThat(errorPageSaw.get()).as("the exception Jetty's error handling got").isSameAs(BOOM);
    SpanRecord span = spans.takeOne();
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.statusDescription()).isEqualTo("the report generator broke");
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(500L);
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
    assertThat(span.events()).extracting(e -> e.name()).containsExactly("exception");
    assertThat(span.events().get(0).attributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.message")))
        .isEqualTo("the report generator broke");
  }

  @Test
  void forward_runsInTheSameSpan() throws Exception {
    String body;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/forward")).build()).execute()) {
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /shop/forward");
    assertThat(body).contains("span_id=" + span.spanId(), "mdc_span_id=" + span.spanId());
  }

  @Test
  void include_runsInTheSameSpan() throws Exception {
    String body;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/include")).build()).execute()) {
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("GET /shop/include");
    assertThat(body).startsWith("before include\n").contains("span_id=" + span.spanId());
  }

  @Test
  void streamedResponse_carriesTheTraceIdHeader_andEndsAfterTheLastChunk() throws Exception {
    String traceId;
    String body;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/stream")).build()).execute()) {
      assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
      traceId = response.header("X-Trace-ID");
      body = response.body().string();
    }
    assertThat(body.lines()).hasSize(Streaming.CHUNKS).allMatch(line -> line.endsWith(" of " + Streaming.CHUNKS));
    SpanRecord span = spans.takeOne();
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(span.events()).extracting(e -> e.name()).hasSize(Streaming.CHUNKS).allMatch("chunk"::equals);
  }

  @Test
  void unknownMethod_isRecordedAsOther_withTheOriginal() throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/status?status=204")).method("PURGE", null).build()).execute()) {
      assertThat(response.code()).isEqualTo(204);
    }
    SpanRecord span = spans.takeOne();
    assertThat(span.name()).isEqualTo("HTTP /shop/status");
    assertThat(span.attributes().get(HttpAttributes.REQUEST_METHOD)).isEqualTo("_OTHER");
    assertThat(span.attributes().get(HttpAttributes.REQUEST_METHOD_ORIGINAL)).isEqualTo("PURGE");
  }

  @Test
  void excludedPaths_getNoSpan_andNoHeader() throws Exception {
    for (String path : List.of("/shop/health", "/shop/static/app.css", "/shop/static")) {
      try (Response response = client.newCall(new Request.Builder().url(app.url(path)).build()).execute()) {
        assertThat(response.code()).as(path).isEqualTo(200);
        assertThat(response.header("X-Trace-ID")).as(path).isNull();
        assertThat(response.body().string()).as(path).contains("trace_id=00000000000000000000000000000000");
      }
    }
    try (Response response = client.newCall(new Request.Builder().url(app.url("/shop/healthz")).build()).execute()) {
      assertThat(response.header("X-Trace-ID")).as("/healthz is not /health").isNotNull();
    }
    assertThat(spans.takeOne().attributes().get(HttpAttributes.URL_PATH)).isEqualTo("/shop/healthz");
  }

  /** Writes {@link #CHUNKS} lines, flushing each, so the response is chunked; each chunk is an event. */
  static final class Streaming extends HttpServlet {
    static final int CHUNKS = 5;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      PrintWriter out = response.getWriter();
      for (int i = 1; i <= CHUNKS; i++) {
        out.print("line " + i + " of " + CHUNKS + "\n");
        out.flush();
        io.opentelemetry.api.trace.Span.current().addEvent("chunk");
      }
    }
  }

  /** Jetty's error page for any throwable: records what it was handed. */
  static final class ErrorPage extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      errorPageSaw.set(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
      response.getWriter().print("error page for " + response.getHeader("X-Trace-ID"));
    }
  }
}
