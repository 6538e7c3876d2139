package dev.aitrace.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance service, driven in-process the way the W3C Trace Context harness drives it (at
 * STRICT_LEVEL=2), with the harness's expectations written out from the specification. The suite
 * itself is not part of this build.
 */
class ConformanceServiceTest {
  static final String TRACE_ID = "12345678901234567890123456789012";
  static final String PARENT = "1234567890123456";
  static final Pattern TRACEPARENT = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

  private static final BlockingQueue<SpanRecord> ended = new LinkedBlockingQueue<>();
  private static final AiTrace aiTrace = AiTrace.builder().serviceName("conformance-test")
      .addSpanProcessor(new SpanProcessor() {
        @Override
        public void onEnd(SpanRecord span) {
          ended.add(span);
        }
      })
      .shutdownHook(false)
      .build();
  private static final OkHttpClient harnessClient = new OkHttpClient();
  private static ConformanceService service;
  private static Harness harness;

  @BeforeAll
  static void start() throws Exception {
    service = ConformanceService.start(aiTrace, "127.0.0.1", 0);
    harness = new Harness();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    harness.close();
    aiTrace.close();
  }

  @AfterEach
  void nothingLeftOver() {
    assertThat(harness.remaining()).isEmpty();
    ended.clear();
  }

  /** Asks the service for {@code count} callbacks, sending {@code headers}; returns the callbacks. */
  private static List<Harness.Callback> request(int count, String... headers) throws Exception {
    String body = IntStream.range(0, count)
        .mapToObj(i -> "{\"url\": \"" + harness.url("scope." + i) + "\", \"arguments\": []}")
        .collect(Collectors.joining(", ", "[", "]"));
    Request.Builder request = new Request.Builder().url(service.endpoint())
        .post(RequestBody.create(body, MediaType.get("application/json")));
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    try (Response response = harnessClient.newCall(request.build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.headers().names()).noneMatch(n -> n.equalsIgnoreCase("traceparent") || n.equalsIgnoreCase("tracestate"));
      assertThat(response.body().string()).contains("\"status\":200");
    }
    return harness.take(count);
  }

  /** The one traceparent of a callback, checked against the specification's format. */
  private static Matcher traceparent(Harness.Callback callback) {
    List<String> values = callback.values("traceparent");
    assertThat(values).as("exactly one traceparent header").hasSize(1);
    Matcher m = TRACEPARENT.matcher(values.get(0));
    assertThat(m.matches()).as(values.get(0)).isTrue();
    assertThat(m.group(1)).as("version").isEqualTo("00");
    assertThat(m.group(2)).isNotEqualTo("0".repeat(32));
    assertThat(m.group(3)).isNotEqualTo("0".repeat(16));
    return m;
  }

  private static String traceId(String... headers) throws Exception {
    return traceparent(request(1, headers).get(0)).group(2);
  }

  /** The tracestate a callback carried, every line combined, members in order. */
  private static Map<String, String> tracestate(Harness.Callback callback) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String line : callback.values("tracestate")) {
      for (String member : line.split(",")) {
        String m = member.strip();
        if (!m.isEmpty()) {
          int eq = m.indexOf('=');
          members.put(m.substring(0, eq), m.substring(eq + 1));
        }
      }
    }
    return members;
  }

  private static Map<String, String> tracestateSent(String... headers) throws Exception {
    Harness.Callback callback = request(1, headers).get(0);
    assertThat(traceparent(callback).group(2)).isEqualTo(TRACE_ID);
    return tracestate(callback);
  }

  @Test
  void noTraceHeaders_aValidTraceparentIsSent() throws Exception {
    Harness.Callback callback = request(1).get(0);
    traceparent(callback);
    assertThat(callback.body()).isEqualTo("[]");
  }

  @Test
  void traceparent_sameTraceId_newParentId_flagsKept() throws Exception {
    Matcher sampled = traceparent(request(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01").get(0));
    assertThat(sampled.group(2)).isEqualTo(TRACE_ID);
    assertThat(sampled.group(3)).isNotEqualTo(PARENT);
    assertThat(sampled.group(4)).isEqualTo("01");
    Matcher notSampled = traceparent(request(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT + "-00").get(0));
    assertThat(notSampled.group(4)).isEqualTo("00");
  }

  @Test
  void theCallIsAChildSpanOfTheRequest() throws Exception {
    Matcher sent = traceparent(request(1, "traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01").get(0));
    List<SpanRecord> spans = new ArrayList<>(); // this request's two spans; others may still be ending
    for (int i = 0; i < 20 && spans.size() < 2; i++) {
      SpanRecord span = ended.poll(10, TimeUnit.SECONDS);
      assertThat(span).as("the request's spans to end").isNotNull();
      if (span.traceId().equals(TRACE_ID)) {
        spans.add(span);
      }
    }
    SpanRecord client = spans.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
    SpanRecord server = spans.stream().filter(s -> s.kind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(server.name()).isEqualTo("POST /test");
    assertThat(server.parentSpanId()).isEqualTo(PARENT);
    assertThat(client.parentSpanId()).isEqualTo(server.spanId());
    assertThat(sent.group(3)).isEqualTo(client.spanId());
  }

  @Test
  void headerNameCasing_doesNotMatter() throws Exception {
    for (String name : List.of("TraceParent", "TrAcEpArEnT", "TRACEPARENT")) {
      assertThat(traceId(name, "00-" + TRACE_ID + "-" + PARENT + "-01")).isEqualTo(TRACE_ID);
    }
  }

  @Test
  void futureVersion_isContinued_andSentAsVersion00() throws Exception {
    assertThat(traceId("traceparent", "cc-" + TRACE_ID + "-" + PARENT + "-01")).isEqualTo(TRACE_ID);
    assertThat(traceId("traceparent", "cc-" + TRACE_ID + "-" + PARENT + "-01-what-the-future-will-be-like"))
        .isEqualTo(TRACE_ID);
  }

  @Test
  void surroundingWhitespace_isAllowed() throws Exception {
    for (String value : List.of(" 00-" + TRACE_ID + "-" + PARENT + "-01", "00-" + TRACE_ID + "-" + PARENT + "-01\t")) {
      assertThat(traceId("traceparent", value)).isEqualTo(TRACE_ID);
    }
  }

  static Stream<String> invalidTraceparents() {
    String tail = "-" + PARENT + "-01";
    return Stream.of(
        "00-" + TRACE_ID + tail + ".", "00-" + TRACE_ID + tail + "-what-the-future-will-be-like",
        "cc-" + TRACE_ID + tail + ".what-the-future-will-be-like", "ff-" + TRACE_ID + tail,
        ".0-" + TRACE_ID + tail, "0.-" + TRACE_ID + tail, "000-" + TRACE_ID + tail, "0-" + TRACE_ID + tail,
        "00-" + "0".repeat(32) + tail, "00-.2345678901234567890123456789012" + tail,
        "00-" + TRACE_ID + "3" + tail, "00-" + TRACE_ID.substring(1) + tail,
        "00-" + TRACE_ID + "-0000000000000000-01", "00-" + TRACE_ID + "-.234567890123456-01",
        "00-" + TRACE_ID + "-12345678901234567-01", "00-" + TRACE_ID + "-123456789012345-01",
        "00-" + TRACE_ID + "-" + PARENT + "-.0", "00-" + TRACE_ID + "-" + PARENT + "-001",
        "00-" + TRACE_ID + "-" + PARENT + "-1");
  }

  @ParameterizedTest
  @MethodSource("invalidTraceparents")
  void invalidTraceparent_restartsTheTrace(String value) throws Exception {
    assertThat(traceId("traceparent", value)).isNotEqualTo(TRACE_ID);
  }

  @Test
  void wrongHeaderNames_andDuplicatedTraceparent_restartTheTrace() throws Exception {
    assertThat(traceId("trace-parent", "00-" + TRACE_ID + "-" + PARENT + "-01")).isNotEqualTo(TRACE_ID);
    assertThat(traceId("trace.parent", "00-" + TRACE_ID + "-" + PARENT + "-01")).isNotEqualTo(TRACE_ID);
    assertThat(traceId(
        "traceparent", "00-12345678901234567890123456789011-" + PARENT + "-01",
        "traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01"))
        .isNotIn(TRACE_ID, "12345678901234567890123456789011");
  }

  @Test
  void tracestate_isPassedOn_unchanged_noVendorEntryAdded() throws Exception {
    String tp = "00-" + TRACE_ID + "-" + PARENT + "-00";
    Harness.Callback callback = request(1, "traceparent", tp, "tracestate", "foo=1,bar=2").get(0);
    assertThat(callback.values("tracestate")).containsExactly("foo=1,bar=2");
    assertThat(tracestateSent("traceparent", tp, "TrAcEsTaTe", "foo=1")).containsExactly(Map.entry("foo", "1"));
    assertThat(tracestateSent("traceparent", tp, "tracestate", "foo=1,bar=2", "tracestate", "rojo=1,congo=2",
        "tracestate", "baz=3").keySet()).containsExactly("foo", "bar", "rojo", "congo", "baz");
    assertThat(tracestateSent("traceparent", tp, "tracestate", "foo=1 \t , \t bar=2, \t baz=3"))
        .containsExactly(Map.entry("foo", "1"), Map.entry("bar", "2"), Map.entry("baz", "3"));
    assertThat(tracestateSent("traceparent", tp, "tracestate", "", "tracestate", "foo=1")).containsEntry("foo", "1");
    String members32 = IntStream.rangeClosed(1, 32).mapToObj(i -> String.format("bar%02d=%02d", i, i))
        .collect(Collectors.joining(","));
    assertThat(tracestateSent("traceparent", tp, "tracestate", members32)).hasSize(32).containsEntry("bar01", "01");
  }

  @Test
  void tracestateWithoutTraceparent_isDiscarded() throws Exception {
    Harness.Callback first = request(1, "tracestate", "foo=1").get(0);
    Harness.Callback second = request(1, "tracestate", "foo=1,bar=2").get(0);
    assertThat(tracestate(first)).isEmpty();
    assertThat(tracestate(second)).isEmpty();
  }

  static Stream<List<String>> invalidTracestates() {
    String members33 = IntStream.rangeClosed(1, 33).mapToObj(i -> String.format("bar%02d=%02d", i, i))
        .collect(Collectors.joining(","));
    return Stream.of(
        List.of("foo=1,foo=1"), List.of("foo=1,foo=2"), List.of("foo=1", "foo=1"), List.of("foo=1", "foo=2"),
        List.of("foo =1"), List.of("FOO=1"), List.of("foo.bar=1"), List.of("foo@=1,bar=2"), List.of("@foo=1,bar=2"),
        List.of("foo@@bar=1,bar=2"), List.of("foo@bar@baz=1,bar=2"), List.of(members33),
        List.of("foo=1", "z".repeat(257) + "=1"), List.of("foo=1", "t".repeat(242) + "@v=1"),
        List.of("foo=1", "t@" + "v".repeat(15) + "=1"), List.of("foo=bar=baz"), List.of("foo=,bar=3"));
  }

  @ParameterizedTest
  @MethodSource("invalidTracestates")
  void invalidTracestate_isDiscarded_theTraceparentKept(List<String> lines) throws Exception {
    List<String> headers = new ArrayList<>(List.of("traceparent", "00-" + TRACE_ID + "-" + PARENT + "-00"));
    lines.forEach(line -> headers.addAll(List.of("tracestate", line)));
    assertThat(tracestateSent(headers.toArray(String[]::new))).isEmpty();
  }

  @Test
  void longestValidKeys_areKept() throws Exception {
    String tp = "00-" + TRACE_ID + "-" + PARENT + "-00";
    assertThat(tracestateSent("traceparent", tp, "tracestate", "foo=1", "tracestate", "z".repeat(256) + "=1"))
        .containsEntry("foo", "1");
    assertThat(tracestateSent("traceparent", tp, "tracestate", "foo=1", "tracestate", "t".repeat(241) + "@" + "v".repeat(14) + "=1"))
        .containsEntry("foo", "1");
  }

  @Test
  void multipleCallbacks_shareTheTrace_eachWithItsOwnParentId() throws Exception {
    for (String[] headers : List.of(
        new String[] {"traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01"},
        new String[] {},
        new String[] {"traceparent", "00-" + "0".repeat(32) + "-" + PARENT + "-01"})) {
      Set<String> traceIds = new HashSet<>();
      Set<String> parentIds = new HashSet<>();
      for (Harness.Callback callback : request(3, headers)) {
        Matcher m = traceparent(callback);
        traceIds.add(m.group(2));
        parentIds.add(m.group(3));
      }
      assertThat(traceIds).hasSize(1).doesNotContain("0".repeat(32));
      assertThat(parentIds).hasSize(3);
      if (headers.length > 0 && headers[1].contains(TRACE_ID)) {
        assertThat(traceIds).containsExactly(TRACE_ID);
      }
    }
  }

  @Test
  void arguments_arePostedAsTheJsonBody_andTheAnswerCarriesTheTraceId() throws Exception {
    String nested = "[{\"url\":\"" + harness.url("next.0") + "\",\"arguments\":[]}]";
    String body = "[{\"url\": \"" + harness.url("scope.0") + "\", \"arguments\": " + nested + "}]";
    String traceIdHeader;
    try (Response response = harnessClient.newCall(new Request.Builder().url(service.endpoint())
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      traceIdHeader = response.header("X-Trace-ID");
    }
    Harness.Callback callback = harness.take(1).get(0);
    assertThat(callback.body()).isEqualTo(nested);
    assertThat(callback.values("Content-Type")).singleElement().asString().startsWith("application/json");
    assertThat(traceparent(callback).group(2)).isEqualTo(traceIdHeader);
    assertThat(callback.values("X-Trace-ID")).containsExactly(traceIdHeader);
  }

  @Test
  void malformedInstructions_get400_andNoCall_withoutEchoingTheInput() throws Exception {
    for (String body : List.of("{not json <script>", "[{\"arguments\": []}]", "42", "[1, 2]")) {
      try (Response response = harnessClient.newCall(new Request.Builder().url(service.endpoint())
          .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
        assertThat(response.code()).as(body).isEqualTo(400);
        assertThat(response.body().string()).doesNotContain("<script>");
      }
    }
    assertThat(harness.remaining()).isEmpty();
  }

  @Test
  void port_comesFromTheArgument_thenTheEnvironment_elseIs5000() {
    assertThat(ConformanceService.port(new String[0], key -> null)).isEqualTo(5000);
    assertThat(ConformanceService.port(new String[0], key -> key.equals("CONFORMANCE_PORT") ? "5100" : null)).isEqualTo(5100);
    assertThat(ConformanceService.port(new String[] {"5200"}, key -> "5100")).isEqualTo(5200);
    assertThatThrownBy(() -> ConformanceService.port(new String[] {"http"}, key -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http'");
    assertThatThrownBy(() -> ConformanceService.port(new String[0], key -> "70000"))
        .hasMessageContaining("CONFORMANCE_PORT").hasMessageContaining("'70000'");
  }
}
