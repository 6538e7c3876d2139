package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TracestateTest {
  private static final String TRACE = "12345678901234567890123456789012";
  private static final String TRACEPARENT = "00-" + TRACE + "-1234567890123456-01";
  private final Hop hop = new Hop();

  @AfterEach
  void close() {
    hop.close();
  }

  private HeaderCarrier withTracestate(String... lines) {
    HeaderCarrier carrier = HeaderCarrier.of("traceparent", TRACEPARENT);
    for (String line : lines) {
      carrier.add("tracestate", line);
    }
    return carrier;
  }

  @Test
  void validTracestate_roundTripsExactly_andIsInheritedByChildSpans() {
    assertThat(hop.forward(withTracestate("foo=1,bar=2")).get("tracestate")).isEqualTo("foo=1,bar=2");
    Hop.Result r = hop.pass(withTracestate("foo=1,bar=2"));
    assertThat(r.server.spanContext().getTraceState().asMap()).containsExactly(
        org.assertj.core.api.Assertions.entry("foo", "1"), org.assertj.core.api.Assertions.entry("bar", "2"));
    assertThat(r.outgoing.get("tracestate")).isEqualTo("foo=1,bar=2");
  }

  @Test
  void multipleHeaders_areCombinedInOrder() {
    assertThat(hop.forward(withTracestate("foo=1,bar=2", "rojo=1,congo=2", "baz=3")).get("tracestate"))
        .isEqualTo("foo=1,bar=2,rojo=1,congo=2,baz=3");
  }

  @Test
  void whiteSpaceAndEmptyMembers_areTolerated() {
    assertThat(hop.forward(withTracestate("foo=1 \t , \t bar=2,,  ,\tbaz=3\t")).get("tracestate"))
        .isEqualTo("foo=1,bar=2,baz=3");
    assertThat(hop.forward(withTracestate("", "foo=1")).get("tracestate")).isEqualTo("foo=1");
    assertThat(hop.forward(withTracestate("foo=1", "")).get("tracestate")).isEqualTo("foo=1");
    assertThat(hop.forward(withTracestate("")).get("tracestate")).isNull();
  }

  @Test
  void everyAllowedCharacter_isKept() {
    String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
    String value = IntStream.rangeClosed(0x20, 0x7e).filter(c -> c != ',' && c != '=')
        .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
    assertThat(hop.forward(withTracestate(key + "=" + value)).get("tracestate")).isEqualTo(key + "=" + value);
    String tenantKey = key + "@a-z0-9_-*/";
    assertThat(hop.forward(withTracestate(tenantKey + "=" + value)).get("tracestate"))
        .isEqualTo(tenantKey + "=" + value);
  }

  @Test
  void keyLengthLimits_areExactlyTheSpecs() {
    assertThat(hop.forward(withTracestate("foo=1", "z".repeat(256) + "=1")).get("tracestate"))
        .isEqualTo("foo=1,"  + "z".repeat(256) + "=1");
    assertThat(hop.forward(withTracestate("foo=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1")).get("tracestate"))
        .startsWith("foo=1,");
    assertThat(hop.forward(withTracestate("foo=1", "a=" + "v".repeat(256))).get("tracestate"))
        .isEqualTo("foo=1,a=" + "v".repeat(256));
  }

  static Stream<Arguments> malformed() {
    String members32 = IntStream.rangeClosed(1, 32).mapToObj(i -> "bar" + i + "=echo" + i)
        .collect(Collectors.joining(","));
    return Stream.of(
        Arguments.of("33 members", new String[] {members32, "bar33=echo33"}),
        Arguments.of("space in key", new String[] {"foo =echo"}),
        Arguments.of("upper-case key", new String[] {"FOO=echo"}),
        Arguments.of("dot in key", new String[] {"foo.bar=echo"}),
        Arguments.of("key starting with a digit", new String[] {"1foo=echo"}),
        Arguments.of("key of 257", new String[] {"foo=echo", "z".repeat(257) + "=1"}),
        Arguments.of("tenant of 242", new String[] {"foo=echo", "t".repeat(242) + "@v=1"}),
        Arguments.of("system of 15", new String[] {"foo=echo", "t@" + "v".repeat(15) + "=1"}),
        Arguments.of("empty system", new String[] {"foo@=echo,bar=echo"}),
        Arguments.of("empty tenant", new String[] {"@foo=echo,bar=echo"}),
        Arguments.of("double at", new String[] {"foo@@bar=echo,bar=echo"}),
        Arguments.of("two ats", new String[] {"foo@bar@baz=echo,bar=echo"}),
        Arguments.of("system starting with a digit", new String[] {"foo@1ab=echo"}),
        Arguments.of("equals in value", new String[] {"foo=echo=baz"}),
        Arguments.of("empty value", new String[] {"foo=,bar=echo"}),
        Arguments.of("no equals", new String[] {"foo,bar=echo"}),
        Arguments.of("value of 257", new String[] {"foo=echo", "a=" + "v".repeat(257)}),
        Arguments.of("non-ASCII value", new String[] {"foo=echo\u00e9"}),
        Arguments.of("control character in value", new String[] {"foo=echo\u0001x"}),
        Arguments.of("CR LF in value", new String[] {"foo=echo\r\nx-evil=1"}),
        Arguments.of("duplicate key", new String[] {"foo=echo,foo=echo"}),
        Arguments.of("duplicate key, other value", new String[] {"foo=echo,foo=2"}),
        Arguments.of("duplicate key across headers", new String[] {"foo=echo", "foo=2"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedTracestate_isDropped_whileTheTraceparentIsKept(String why, String[] lines) {
    Hop.Result r = hop.pass(withTracestate(lines));
    assertThat(r.server.traceId()).isEqualTo(TRACE);
    assertThat(r.server.spanContext().getTraceState().isEmpty()).isTrue();
    assertThat(r.outgoing.get("tracestate")).isNull();
    assertThat(r.outgoing.dump()).doesNotContain("echo", "evil", "zzzz", "tttt", "vvvv");
  }

  @Test
  void tracestateWithoutTraceparent_isIgnored() {
    Hop.Result r = hop.pass(HeaderCarrier.of("tracestate", "foo=echo"));
    assertThat(r.server.parentSpanContext().isValid()).isFalse();
    assertThat(r.outgoing.get("tracestate")).isNull();
    assertThat(r.outgoing.dump()).doesNotContain("echo");
  }

  @Test
  void over512Characters_wholeMembersAreCutFromTheEnd() {
    List<String> members = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      members.add("k" + i + "=" + "v".repeat(60)); // 64 characters each
    }
    String header = String.join(",", members); // 649 characters
    String kept = hop.forward(withTracestate(header)).get("tracestate");
    assertThat(kept).isEqualTo(String.join(",", members.subList(0, 7))); // 7 * 64 + 6 = 454
  }

  @Test
  void over512Characters_membersOver128AreRemovedFirst_lastOneFirst() {
    String s1 = "s1=" + "a".repeat(17);
    String s2 = "s2=" + "b".repeat(17);
    String s3 = "s3=" + "c".repeat(17);
    String l1 = "l1=" + "x".repeat(147);
    String l2 = "l2=" + "y".repeat(147);
    String l3 = "l3=" + "z".repeat(147);
    String l4 = "l4=" + "w".repeat(147);
    String header = String.join(",", s1, l1, s2, l2, l3, s3, l4); // 666 characters
    assertThat(hop.forward(withTracestate(header)).get("tracestate"))
        .isEqualTo(String.join(",", s1, l1, s2, l2, s3)); // l4, then l3 removed: 364 characters
  }

  @Test
  void exactly512Characters_areKept() {
    String header = "a=" + "v".repeat(256) + ",b=" + "v".repeat(251); // 258 + 1 + 253 = 512
    assertThat(header).hasSize(512);
    assertThat(hop.forward(withTracestate(header)).get("tracestate")).isEqualTo(header);
  }
}
