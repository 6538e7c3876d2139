package dev.aitrace.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the harness checks of the tracestate the service sends on: W3C Trace Context, section 3.3. */
class TracestateConformanceTest extends ConformanceTestBase {
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
}
