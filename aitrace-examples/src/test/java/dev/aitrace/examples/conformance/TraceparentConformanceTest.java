package dev.aitrace.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the harness checks of the traceparent the service sends on: W3C Trace Context, section 3.2. */
class TraceparentConformanceTest extends ConformanceTestBase {
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
}
