package dev.aitrace.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.export.SpanProcessor;
import dev.aitrace.export.SpanRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the conformance service in-process and drives it the way the W3C Trace Context harness does
 * (at STRICT_LEVEL=2): the tests that extend this write out the harness's expectations from the
 * specification. The suite itself is not part of this build.
 */
abstract class ConformanceTestBase {
  static final String TRACE_ID = "12345678901234567890123456789012";
  static final String PARENT = "1234567890123456";
  static final Pattern TRACEPARENT = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

  static final BlockingQueue<SpanRecord> ended = new LinkedBlockingQueue<>();
  static AiTrace aiTrace;
  static final OkHttpClient harnessClient = new OkHttpClient();
  static ConformanceService service;
  static Harness harness;

  @BeforeAll
  static void start() throws Exception {
    ended.clear();
    aiTrace = AiTrace.builder().serviceName("conformance-test")
        .addSpanProcessor(new SpanProcessor() {
          @Override
          public void onEnd(SpanRecord span) {
            ended.add(span);
          }
        })
        .shutdownHook(false)
        .build();
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
  static List<Harness.Callback> request(int count, String... headers) throws Exception {
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
  static Matcher traceparent(Harness.Callback callback) {
    List<String> values = callback.values("traceparent");
    assertThat(values).as("exactly one traceparent header").hasSize(1);
    Matcher m = TRACEPARENT.matcher(values.get(0));
    assertThat(m.matches()).as(values.get(0)).isTrue();
    assertThat(m.group(1)).as("version").isEqualTo("00");
    assertThat(m.group(2)).isNotEqualTo("0".repeat(32));
    assertThat(m.group(3)).isNotEqualTo("0".repeat(16));
    return m;
  }

  static String traceId(String... headers) throws Exception {
    return traceparent(request(1, headers).get(0)).group(2);
  }

  /** The tracestate a callback carried, every line combined, members in order. */
  static Map<String, String> tracestate(Harness.Callback callback) {
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

  static Map<String, String> tracestateSent(String... headers) throws Exception {
    Harness.Callback callback = request(1, headers).get(0);
    assertThat(traceparent(callback).group(2)).isEqualTo(TRACE_ID);
    return tracestate(callback);
  }
}
