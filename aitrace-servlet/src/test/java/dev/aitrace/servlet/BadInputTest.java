package dev.aitrace.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanRecord;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile propagation headers, sent to a real Jetty through the filter: the request
 * is served, nothing of the input comes back in a response header, and an invalid trace header
 * starts a fresh trace. The traceparent and tracestate cases follow the W3C Trace Context
 * specification and its test suite.
 */
class BadInputTest {
  static final String TRACE_ID = "12345678901234567890123456789012";
  static final String PARENT = "1234567890123456";
  static final String VALID = "00-" + TRACE_ID + "-" + PARENT + "-01";
  /** The only response headers the app and the filter set. */
  static final Set<String> RESPONSE_HEADERS =
      Set.of("date", "content-type", "content-length", "transfer-encoding", "x-trace-id", "connection");

  private static final SpanCollector spans = new SpanCollector();
  private static final AiTrace aiTrace =
      AiTrace.builder().serviceName("bad-input-test").addSpanProcessor(spans).shutdownHook(false).build();
  private static final OkHttpClient client = new OkHttpClient();
  private static JettyApp app;

  @BeforeAll
  static void start() throws Exception {
    app = JettyApp.start(context -> {
      context.addFilter(new FilterHolder(new HeaderInjectingFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addFilter(new FilterHolder(TraceFilter.create(aiTrace)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new Servlets.Echo()), "/echo");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    aiTrace.close();
  }

  @AfterEach
  void oneSpanPerRequest() {
    assertThat(spans.remaining()).isEmpty();
  }

  /** Sends the headers (name, value pairs), checks nothing is echoed, and returns the request's span. */
  private static SpanRecord send(String... headers) throws Exception {
    Request.Builder request = new Request.Builder().url(app.url("/echo"));
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    String traceIdHeader;
    try (Response response = client.newCall(request.build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.headers().names().stream().map(n -> n.toLowerCase(Locale.ROOT)))
          .as("response headers").isSubsetOf(RESPONSE_HEADERS);
      traceIdHeader = response.header("X-Trace-ID");
      assertThat(response.headers("X-Trace-ID")).hasSize(1);
    }
    SpanRecord span = spans.takeOne();
    assertThat(traceIdHeader).isEqualTo(span.traceId()).matches("[0-9a-f]{32}");
    return span;
  }

  private static void assertFreshTrace(SpanRecord span) {
    assertThat(span.traceId()).isNotEqualTo(TRACE_ID).isNotEqualTo("0".repeat(32));
    assertThat(span.parentSpanId()).isEmpty();
    assertThat(span.spanContext().getTraceState().isEmpty()).isTrue();
  }

  static Stream<String> malformedTraceparents() {
    return Stream.of(
        VALID + ".",                                                           // trailing characters on version 00
        VALID + "-what-the-future-will-be-like",                               // version 00 must not have more fields
        "cc-" + TRACE_ID + "-" + PARENT + "-01.what-the-future-will-be-like", // future version, bad separator
        "ff-" + TRACE_ID + "-" + PARENT + "-01",                               // version ff is forbidden
        ".0-" + TRACE_ID + "-" + PARENT + "-01", "0.-" + TRACE_ID + "-" + PARENT + "-01",
        "000-" + TRACE_ID + "-" + PARENT + "-01", "0-" + TRACE_ID + "-" + PARENT + "-01",
        "00-" + "0".repeat(32) + "-" + PARENT + "-01",                        // all-zero trace id
        "00-.2345678901234567890123456789012-" + PARENT + "-01",
        "00-1234567890123456789012345678901.-" + PARENT + "-01",
        "00-" + TRACE_ID + "3-" + PARENT + "-01", "00-" + TRACE_ID.substring(1) + "-" + PARENT + "-01",
        "00-" + TRACE_ID + "-0000000000000000-01",                             // all-zero parent id
        "00-" + TRACE_ID + "-.234567890123456-01", "00-" + TRACE_ID + "-123456789012345.-01",
        "00-" + TRACE_ID + "-" + PARENT + "7-01", "00-" + TRACE_ID + "-" + PARENT.substring(1) + "-01",
        "00-" + TRACE_ID + "-" + PARENT + "-.0", "00-" + TRACE_ID + "-" + PARENT + "-0.",
        "00-" + TRACE_ID + "-" + PARENT + "-001", "00-" + TRACE_ID + "-" + PARENT + "-1",
        "00-" + TRACE_ID.toUpperCase(Locale.ROOT).replace("1", "A") + "-" + PARENT + "-01", // upper-case hex
        "00_" + TRACE_ID + "_" + PARENT + "_01",
        "hello",
        VALID + "," + VALID,                                                   // two values folded into one line
        "00-" + TRACE_ID + "-" + PARENT + "-01" + "x".repeat(10 * 1024));      // 10 KB
  }

  @ParameterizedTest
  @MethodSource("malformedTraceparents")
  void malformedTraceparent_startsANewTrace(String traceparent) throws Exception {
    assertFreshTrace(send("traceparent", traceparent, "tracestate", "foo=1"));
  }

  static Stream<String[]> acceptedTraceparents() {
    return Stream.of(
        new String[] {"traceparent", " " + VALID}, new String[] {"traceparent", "\t" + VALID},
        new String[] {"traceparent", VALID + " \t"}, new String[] {"TraceParent", VALID},
        new String[] {"TRACEPARENT", VALID},
        new String[] {"traceparent", "cc-" + TRACE_ID + "-" + PARENT + "-01"},
        new String[] {"traceparent", "cc-" + TRACE_ID + "-" + PARENT + "-01-what-the-future-will-be-like"});
  }

  @ParameterizedTest
  @MethodSource("acceptedTraceparents")
  void validTraceparent_inAnyCasingAndWithOws_continuesTheTrace(String name, String value) throws Exception {
    SpanRecord span = send(name, value);
    assertThat(span.traceId()).isEqualTo(TRACE_ID);
    assertThat(span.parentSpanId()).isEqualTo(PARENT);
  }

  @Test
  void wrongHeaderNames_areNotTraceparent() throws Exception {
    assertFreshTrace(send("trace-parent", VALID));
    assertFreshTrace(send("trace.parent", VALID));
  }

  @Test
  void twoTraceparentHeaders_restartTheTrace() throws Exception {
    assertFreshTrace(send("traceparent", VALID,
        "traceparent", "00-12345678901234567890123456789011-" + PARENT + "-01"));
    assertFreshTrace(send("traceparent", VALID, "traceparent", VALID));
  }

  @Test
  void tracestateWithoutTraceparent_isDiscarded() throws Exception {
    assertFreshTrace(send("tracestate", "foo=1,bar=2"));
  }

  static Stream<List<String>> malformedTracestates() {
    String members32 = IntStream.rangeClosed(1, 32).mapToObj(i -> "bar" + i + "=" + i).collect(Collectors.joining(","));
    return Stream.of(
        List.of("foo=1,foo=1"), List.of("foo=1,foo=2"), List.of("foo=1", "foo=1"), List.of("foo=1", "foo=2"),
        List.of("foo =1"), List.of("FOO=1"), List.of("foo.bar=1"),
        List.of("foo@=1,bar=2"), List.of("@foo=1,bar=2"), List.of("foo@@bar=1,bar=2"), List.of("foo@bar@baz=1,bar=2"),
        List.of(members32, "bar33=33"),                                       // 33 members
        List.of("foo=1", "z".repeat(257) + "=1"),                             // key too long
        List.of("foo=1", "t".repeat(242) + "@v=1"),                           // tenant too long
        List.of("foo=1", "t@" + "v".repeat(15) + "=1"),                       // vendor too long
        List.of("foo=bar=baz"), List.of("foo=,bar=3"),
        List.of("foo=1,bar=" + "x".repeat(10 * 1024)));                      // 10 KB
  }

  @ParameterizedTest
  @MethodSource("malformedTracestates")
  void malformedTracestate_isDropped_butTheTraceContinues(List<String> lines) throws Exception {
    String[] headers = Stream.concat(Stream.of("traceparent", VALID),
        lines.stream().flatMap(line -> Stream.of("tracestate", line))).toArray(String[]::new);
    SpanRecord span = send(headers);
    assertThat(span.traceId()).isEqualTo(TRACE_ID);
    assertThat(span.spanContext().getTraceState().get("foo")).isNull();
    assertThat(span.spanContext().getTraceState().get("bar")).isNull();
  }

  @Test
  void validTracestate_isKept_membersInOrder_acrossLines() throws Exception {
    SpanRecord span = send("traceparent", VALID, "tracestate", "foo=1,bar=2", "tracestate", "rojo=1,congo=2",
        "tracestate", "baz=3");
    assertThat(span.spanContext().getTraceState().asMap().keySet())
        .containsExactly("foo", "bar", "rojo", "congo", "baz");
    span = send("traceparent", VALID, "tracestate", "foo=1 \t , \t bar=2, \t baz=3");
    assertThat(span.spanContext().getTraceState().asMap()).containsEntry("foo", "1").containsEntry("baz", "3");
    String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
    String value = IntStream.rangeClosed(0x20, 0x7e).filter(c -> c != ',' && c != '=')
        .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()).strip();
    span = send("traceparent", VALID, "tracestate", key + "@a-z0-9_-*/=" + value);
    assertThat(span.spanContext().getTraceState().get(key + "@a-z0-9_-*/")).isEqualTo(value);
  }

  @Test
  void xTraceId_valid_isAdoptedAsTheTraceId() throws Exception {
    SpanRecord span = send("X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.parentSpanId()).isEmpty();
    span = send("traceparent", VALID, "X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.traceId()).as("traceparent wins").isEqualTo(TRACE_ID);
  }

  static Stream<String> malformedTraceIds() {
    return Stream.of(
        "4BF92F3577B34DA6A3CE929D0E0E4736", "4bf92f3577b34da6a3ce929d0e0e473g", "4bf92f3577b34da6a3ce929d0e0e473",
        "4bf92f3577b34da6a3ce929d0e0e47360", "0".repeat(32), "4bf92f35-77b3-4da6-a3ce-929d0e0e4736",
        "4bf92f3577b34da6a3ce929d0e0e4736" + "a".repeat(10 * 1024 - 32));
  }

  @ParameterizedTest
  @MethodSource("malformedTraceIds")
  void malformedXTraceId_isIgnored(String value) throws Exception {
    SpanRecord span = send("X-Trace-ID", value);
    assertThat(value).doesNotContain(span.traceId());
    assertThat(span.parentSpanId()).isEmpty();
  }

  @Test
  void xTraceIdWithCrLf_reachingTheFilter_isIgnored_andNotEchoed() throws Exception {
    for (String value : List.of("4bf92f3577b34da6a3ce929d0e0e4736\r\nX-Injected: yes",
        "4bf92f3577b34da6a3ce929d0e0e4736\n", "\r\n4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b3\r4da6a3ce929d0e0e4736")) {
      SpanRecord span = send(HeaderInjectingFilter.CONTROL, HeaderInjectingFilter.control("X-Trace-ID", value));
      assertThat(span.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
  }

  @Test
  void xTraceIdWithCrLf_onTheWire_neverSplitsTheResponse() throws Exception {
    // an obsolete line folding and a bare CR, as a hostile client writes them
    for (String folded : List.of("X-Trace-ID: 4bf92f3577b34da6a3ce929d0e0e4736\r\n X-Injected: yes\r\n",
        "X-Trace-ID: 4bf92f3577b34da6a3ce929d0e0e4736\rX-Injected: yes\r\n")) {
      String response = rawRequest("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n" + folded + "Connection: close\r\n\r\n");
      String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
      assertThat(head).as(head).doesNotContainIgnoringCase("X-Injected").doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
      if (head.startsWith("HTTP/1.1 200")) {
        assertThat(spans.takeOne().traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      } else {
        assertThat(head).startsWith("HTTP/1.1 400"); // Jetty refuses it before any filter runs
      }
    }
  }

  @Test
  void twoXTraceIdHeaders_areIgnored() throws Exception {
    SpanRecord span = send("X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4736", "X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4737");
    assertThat(span.traceId()).isNotIn("4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4737");
  }

  @Test
  void baggageBeyondTheW3cLimits_isCutOrDropped_withoutBreakingTheTrace() throws Exception {
    String members181 = IntStream.rangeClosed(1, 181).mapToObj(i -> "k" + i + "=v" + i).collect(Collectors.joining(","));
    assertThat(baggageSizeSeenByTheApp("traceparent", VALID, "baggage", members181)).isEqualTo(180);
    String over8192 = IntStream.rangeClosed(1, 90).mapToObj(i -> "k" + i + "=" + "v".repeat(90)).collect(Collectors.joining(","));
    assertThat(over8192.length()).isGreaterThan(8192);
    assertThat(baggageSizeSeenByTheApp("traceparent", VALID, "baggage", over8192)).isZero();
    assertThat(baggageSizeSeenByTheApp("baggage", "=,;;,a=%zz,=b,c")).isZero();
    assertThat(baggageSizeSeenByTheApp("baggage", "k=v", "baggage", "x".repeat(10 * 1024))).isBetween(0, 1);
  }

  private static int baggageSizeSeenByTheApp(String... headers) throws Exception {
    Request.Builder request = new Request.Builder().url(app.url("/echo"));
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    String body;
    try (Response response = client.newCall(request.build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.headers().names().stream().map(n -> n.toLowerCase(Locale.ROOT))).isSubsetOf(RESPONSE_HEADERS);
      body = response.body().string();
    }
    SpanRecord span = spans.takeOne();
    if (List.of(headers).contains("traceparent")) {
      assertThat(span.traceId()).as("the trace continues whatever the baggage").isEqualTo(TRACE_ID);
    }
    return Integer.parseInt(body.lines().filter(l -> l.startsWith("baggage_size=")).findFirst().orElseThrow().substring(13));
  }

  private static String rawRequest(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
