package dev.aitrace.servlet;

import dev.aitrace.http.HttpAttributes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.Contexts;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter in a real Jetty 12 with async servlets: completion on another thread, timeout, dispatch, error. */
class TraceFilterAsyncTest {
  private static final SpanCollector spans = new SpanCollector();
  private static final AiTrace aiTrace =
      AiTrace.builder().serviceName("servlet-async-test").addSpanProcessor(spans).shutdownHook(false).build();
  private static final ExecutorService workers = Contexts.wrap(Executors.newFixedThreadPool(2));
  private static final OkHttpClient client = new OkHttpClient();
  /** Counted down by an outer filter once the first dispatch, TraceFilter included, has returned. */
  private static volatile CountDownLatch firstDispatchReturned = new CountDownLatch(1);
  private static final AtomicBoolean spanLiveAtCompletion = new AtomicBoolean();
  private static JettyApp app;

  @BeforeAll
  static void startJetty() throws Exception {
    app = JettyApp.start(context -> {
      Filter outer = (request, response, chain) -> {
        chain.doFilter(request, response);
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
          firstDispatchReturned.countDown();
        }
      };
      FilterHolder outerHolder = new FilterHolder(outer);
      outerHolder.setAsyncSupported(true);
      context.addFilter(outerHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
      FilterHolder trace = new FilterHolder(TraceFilter.create(aiTrace));
      trace.setAsyncSupported(true);
      context.addFilter(trace, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
      context.addServlet(async(new CompletesOnWorker()), "/complete");
      context.addServlet(async(new NeverCompletes()), "/timeout");
      context.addServlet(async(new DispatchesTo("/echo")), "/dispatch");
      context.addServlet(async(new DispatchesTo("/throw")), "/dispatch-to-throw");
      context.addServlet(async(new Servlets.Echo()), "/echo");
      context.addServlet(async(new Servlets.Throwing(new UnsupportedOperationException("not in async"))), "/throw");
    });
  }

  private static ServletHolder async(HttpServlet servlet) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    return holder;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    workers.shutdownNow();
    aiTrace.close();
  }

  @AfterEach
  void noSecondServerSpan() {
    assertThat(spans.remaining()).as("spans beyond the expected ones").isEmpty();
  }

  @Test
  void completionOnAnotherThread_endsTheSpanOnce_atCompletion() throws Exception {
    firstDispatchReturned = new CountDownLatch(1);
    spanLiveAtCompletion.set(false);
    String body;
    String traceId;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/complete")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      traceId = response.header("X-Trace-ID");
      body = response.body().string();
    }
    List<SpanRecord> ended = spans.take(2);
    SpanRecord work = ended.get(0);
    SpanRecord server = ended.get(1);
    assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.name()).isEqualTo("GET /complete");
    assertThat(server.traceId()).isEqualTo(traceId);
    assertThat(spanLiveAtCompletion).as("span still live after the first dispatch returned").isTrue();
    assertThat(work.name()).isEqualTo("render report");
    assertThat(work.parentSpanId()).isEqualTo(server.spanId());
    assertThat(body).contains("trace_id=" + traceId, "span_id=" + server.spanId());
    assertThat(server.endEpochNanos()).isGreaterThanOrEqualTo(work.endEpochNanos());
    assertThat(server.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(server.statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void timeout_isRecordedAsTheError_andTheSpanEndsOnce() throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(app.url("/timeout")).build()).execute()) {
      assertThat(response.code()).isEqualTo(500);
    }
    SpanRecord server = spans.takeOne();
    assertThat(server.name()).isEqualTo("GET /timeout");
    assertThat(server.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("timeout");
    assertThat(server.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(500L);
    assertThat(server.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.statusDescription()).isEqualTo("async request timed out after " + NeverCompletes.TIMEOUT_MS + " ms");
  }

  @Test
  void asyncDispatch_runsInTheRequestSpan() throws Exception {
    String body;
    try (Response response = client.newCall(new Request.Builder().url(app.url("/dispatch")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      body = response.body().string();
    }
    SpanRecord server = spans.takeOne();
    assertThat(server.name()).isEqualTo("GET /dispatch");
    assertThat(body).contains("span_id=" + server.spanId(), "mdc_span_id=" + server.spanId());
  }

  @Test
  void exceptionInAsyncDispatch_isRecordedOnTheSpan_with500() throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(app.url("/dispatch-to-throw")).build()).execute()) {
      assertThat(response.code()).isEqualTo(500);
    }
    SpanRecord server = spans.takeOne();
    assertThat(server.name()).isEqualTo("GET /dispatch-to-throw");
    assertThat(server.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.attributes().get(HttpAttributes.ERROR_TYPE))
        .isEqualTo("java.lang.UnsupportedOperationException");
    assertThat(server.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(500L);
    assertThat(server.events()).extracting(e -> e.name()).containsExactly("exception");
  }

  /** Hands the request to a worker, which completes it after the first dispatch has returned. */
  static final class CompletesOnWorker extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      CountDownLatch returned = firstDispatchReturned;
      workers.execute(() -> {
        try {
          if (!returned.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("first dispatch did not return");
          }
          Span server = Span.current();
          spanLiveAtCompletion.set(server.isRecording());
          Span work = aiTrace.tracer().spanBuilder("render report").startSpan();
          work.end();
          response.setContentType("text/plain");
          response.getWriter().print(Servlets.describe());
        } catch (IOException | InterruptedException | RuntimeException e) {
          response.setStatus(500);
        } finally {
          async.complete();
        }
      });
    }
  }

  /** Starts async and never completes, so the container times the request out. */
  static final class NeverCompletes extends HttpServlet {
    static final long TIMEOUT_MS = 200;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      request.startAsync().setTimeout(TIMEOUT_MS);
    }
  }

  /** Starts async and dispatches to another path from a worker. */
  static final class DispatchesTo extends HttpServlet {
    private final String path;

    DispatchesTo(String path) {
      this.path = path;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      workers.execute(() -> async.dispatch(path));
    }
  }
}
