package dev.aitrace.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.http.HttpAttributes;
import dev.aitrace.http.TracingInterceptor;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace across two services: a caller's traceparent reaches service A's filter, A calls service
 * B through OkHttp with the tracing interceptor, and B's filter continues the trace. Both are real
 * Jetty servers; each service records with its own {@link AiTrace}, as two processes would.
 */
class EndToEndTraceTest {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CALLER_SPAN = "00f067aa0ba902b7";

  private final SpanCollector spansA = new SpanCollector();
  private final SpanCollector spansB = new SpanCollector();
  private final AiTrace serviceA =
      AiTrace.builder().serviceName("frontend").addSpanProcessor(spansA).shutdownHook(false).build();
  private final AiTrace serviceB =
      AiTrace.builder().serviceName("report-service").addSpanProcessor(spansB).shutdownHook(false).build();
  private JettyApp appA;
  private JettyApp appB;

  @AfterEach
  void stop() throws Exception {
    appA.close();
    appB.close();
    serviceA.close();
    serviceB.close();
  }

  @Test
  void incomingTraceparent_serverSpan_outgoingCall_secondService_formOneTrace() throws Exception {
    appB = JettyApp.start(context -> {
      context.addFilter(new FilterHolder(TraceFilter.create(serviceB)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/reports/*");
    });
    OkHttpClient outgoing = new OkHttpClient.Builder().addInterceptor(TracingInterceptor.create(serviceA)).build();
    appA = JettyApp.start(context -> {
      context.addFilter(new FilterHolder(TraceFilter.builder(serviceA).userId(UserIdResolver.header("X-User-Id")).build()),
          "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new CallsReportService(outgoing, appB.url("/reports/7").toString())), "/ask");
    });

    String answer;
    String traceIdHeader;
    try (Response response = new OkHttpClient().newCall(new Request.Builder().url(appA.url("/ask"))
        .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
        .header("X-User-Id", "u-42")
        .build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      traceIdHeader = response.header("X-Trace-ID");
      answer = response.body().string();
    }

    SpanRecord serverB = spansB.takeOne();
    List<SpanRecord> inA = spansA.take(2);
    SpanRecord client = inA.get(0);
    SpanRecord serverA = inA.get(1);
    assertThat(traceIdHeader).isEqualTo(TRACE_ID);
    assertThat(List.of(serverA, client, serverB)).extracting(SpanRecord::traceId).containsOnly(TRACE_ID);
    assertThat(serverA.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(serverA.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.parentSpanId()).isEqualTo(serverA.spanId());
    assertThat(client.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(serverB.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(serverB.name()).isEqualTo("GET /reports/*");
    assertThat(serverB.parentSpanId()).isEqualTo(client.spanId());
    assertThat(serverB.resource().get(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
        .isEqualTo("report-service");
    // the user found at the edge travels as baggage and is charged in the second service too
    assertThat(serverA.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
    assertThat(serverB.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
    assertThat(answer).contains("B answered with X-Trace-ID " + TRACE_ID, "trace_id=" + TRACE_ID,
        "span_id=" + serverB.spanId(), "user_id=u-42");
  }

  /** Service A's endpoint: asks service B and relays its answer. */
  static final class CallsReportService extends HttpServlet {
    private final OkHttpClient client;
    private final String url;

    CallsReportService(OkHttpClient client, String url) {
      this.client = client;
      this.url = url;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      try (Response answer = client.newCall(new Request.Builder().url(url).build()).execute()) {
        response.setContentType("text/plain");
        response.getWriter().print("B answered with X-Trace-ID " + answer.header("X-Trace-ID") + "\n" + answer.body().string());
      }
    }
  }
}
