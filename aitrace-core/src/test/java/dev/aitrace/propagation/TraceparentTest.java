package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "b7ad6b7169203331";
  private static final String VALID = "00-" + TRACE + "-" + PARENT + "-01";
  private final Hop hop = new Hop();

  @AfterEach
  void close() {
    hop.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("only a version", "00"),
        Arguments.of("54 characters", VALID.substring(0, 54)),
        Arguments.of("version 00 with 56 characters", VALID + "0"),
        Arguments.of("version 00 with a trailing dot", VALID + "."),
        Arguments.of("version 00 with extra fields", VALID + "-what-the-future-will-be-like"),
        Arguments.of("version ff", "ff-" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("future version without '-' after 55", "cc-" + TRACE + "-" + PARENT + "-01.what-the-future"),
        Arguments.of("future version shorter than 55", "cc-" + TRACE + "-" + PARENT + "-0"),
        Arguments.of("version with three digits", "000-" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("version with one digit", "0-" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("version not hex", ".0-" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("version upper case", "0A-" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("upper-case trace id", "00-" + TRACE.toUpperCase() + "-" + PARENT + "-01"),
        Arguments.of("upper-case parent id", "00-" + TRACE + "-" + PARENT.toUpperCase() + "-01"),
        Arguments.of("upper-case flags", "00-" + TRACE + "-" + PARENT + "-0A"),
        Arguments.of("all-zero trace id", "00-00000000000000000000000000000000-" + PARENT + "-01"),
        Arguments.of("all-zero parent id", "00-" + TRACE + "-0000000000000000-01"),
        Arguments.of("trace id of 33", "00-" + TRACE + "a-" + PARENT + "-01"),
        Arguments.of("trace id of 31", "00-" + TRACE.substring(1) + "-" + PARENT + "-01"),
        Arguments.of("parent id of 17", "00-" + TRACE + "-" + PARENT + "a-01"),
        Arguments.of("parent id of 15", "00-" + TRACE + "-" + PARENT.substring(1) + "-01"),
        Arguments.of("flags of 3", VALID + "1"),
        Arguments.of("flags of 1", VALID.substring(0, 54)),
        Arguments.of("non-hex trace id", "00-" + TRACE.substring(0, 31) + "g-" + PARENT + "-01"),
        Arguments.of("dot in trace id", "00-." + TRACE.substring(1) + "-" + PARENT + "-01"),
        Arguments.of("non-hex parent id", "00-" + TRACE + "-" + PARENT.substring(0, 15) + ".-01"),
        Arguments.of("non-hex flags", "00-" + TRACE + "-" + PARENT + "-.0"),
        Arguments.of("full-width digit", "00-" + TRACE.substring(0, 31) + "\uff11-" + PARENT + "-01"),
        Arguments.of("underscore separators", "00_" + TRACE + "_" + PARENT + "_01"),
        Arguments.of("no separator before flags", "00-" + TRACE + "-" + PARENT + "x01"),
        Arguments.of("space inside", "00-" + TRACE + " -" + PARENT + "-01"),
        Arguments.of("space replacing a digit", "00-" + TRACE.substring(0, 31) + " -" + PARENT + "-01"),
        Arguments.of("tab inside", "00-\t" + TRACE + "-" + PARENT + "-01"),
        Arguments.of("trailing CR LF", VALID + "\r\n"),
        Arguments.of("leading LF", "\n" + VALID),
        Arguments.of("header injection", VALID + "\r\nX-Evil: 1"),
        Arguments.of("10 KB", VALID + "-" + "a".repeat(10 * 1024)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedTraceparent_startsNewTrace_andEchoesNothing(String why, String traceparent) {
    Hop.Result r = hop.pass(HeaderCarrier.of("traceparent", traceparent, "tracestate", "vendor=echo-me"));

    assertThat(Span.fromContext(r.extracted).getSpanContext().isValid()).isFalse();
    assertThat(r.server.parentSpanContext().isValid()).isFalse();
    assertThat(r.server.traceId()).isNotEqualTo(TRACE).matches("[0-9a-f]{32}");
    assertThat(r.outgoing.get("traceparent"))
        .isEqualTo("00-" + r.server.traceId() + "-" + r.server.spanId() + "-01");
    assertThat(r.outgoing.get("tracestate")).isNull();
    assertNothingEchoed(r.outgoing);
  }

  @Test
  void twoTraceparentHeaders_startNewTrace() {
    String other = "00-" + TRACE.replace('0', '1') + "-" + PARENT + "-01";
    for (HeaderCarrier twice :
        new HeaderCarrier[] {
          HeaderCarrier.of("traceparent", VALID, "traceparent", other),
          HeaderCarrier.of("traceparent", VALID, "TraceParent", VALID)
        }) {
      Hop.Result r = hop.pass(twice);
      assertThat(r.server.parentSpanContext().isValid()).isFalse();
      assertThat(r.server.traceId()).isNotIn(TRACE, TRACE.replace('0', '1'));
      assertNothingEchoed(r.outgoing);
    }
  }

  @Test
  void twoTraceparentHeaders_throughAGetterWithoutGetAll_areCommaJoined_andInvalid() {
    HeaderCarrier twice = HeaderCarrier.of("traceparent", VALID, "traceparent", VALID);
    assertThat(Span.fromContext(hop.propagator.extract(
        io.opentelemetry.context.Context.root(), twice, HeaderCarrier.JOINING_GETTER))
        .getSpanContext().isValid()).isFalse();
    String future = "cc-" + TRACE + "-" + PARENT + "-01";
    assertThat(Span.fromContext(hop.propagator.extract(
        io.opentelemetry.context.Context.root(), HeaderCarrier.of("traceparent", future, "traceparent", future),
        HeaderCarrier.JOINING_GETTER)).getSpanContext().isValid()).isFalse();
  }

  @Test
  void validTraceparent_roundTripsExactly_throughAProxy() {
    HeaderCarrier out = hop.forward(HeaderCarrier.of("traceparent", VALID));
    assertThat(out.get("traceparent")).isEqualTo(VALID);
    assertThat(out.get(TraceIdHeader.NAME)).isEqualTo(TRACE);
    String unsampled = "00-" + TRACE + "-" + PARENT + "-00";
    assertThat(hop.forward(HeaderCarrier.of("traceparent", unsampled)).get("traceparent")).isEqualTo(unsampled);
  }

  @Test
  void validTraceparent_isContinued_byAChildSpan() {
    Hop.Result r = hop.pass(HeaderCarrier.of("traceparent", VALID));
    assertThat(r.server.traceId()).isEqualTo(TRACE);
    assertThat(r.server.parentSpanId()).isEqualTo(PARENT);
    assertThat(r.server.parentSpanContext().isRemote()).isTrue();
    assertThat(r.server.spanId()).isNotEqualTo(PARENT);
    assertThat(r.outgoing.get("traceparent")).isEqualTo("00-" + TRACE + "-" + r.server.spanId() + "-01");
    assertThat(r.outgoing.get(TraceIdHeader.NAME)).isEqualTo(TRACE);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", " \t", "\t "})
  void optionalWhiteSpaceAroundTheValue_isIgnored(String ows) {
    assertThat(hop.forward(HeaderCarrier.of("traceparent", ows + VALID)).get("traceparent")).isEqualTo(VALID);
    assertThat(hop.forward(HeaderCarrier.of("traceparent", VALID + ows)).get("traceparent")).isEqualTo(VALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-what-the-future-will-be-like", "-01-xyz"})
  void futureVersion_isParsed_andWrittenBackAsVersion00(String extra) {
    HeaderCarrier out = hop.forward(HeaderCarrier.of("traceparent", "cc-" + TRACE + "-" + PARENT + "-01" + extra));
    assertThat(out.get("traceparent")).isEqualTo(VALID);
    assertThat(out.dump()).doesNotContain("future", "xyz");
  }

  @Test
  void unknownFlags_areZeroed_sampledAndRandomKept() {
    assertThat(hop.forward(HeaderCarrier.of("traceparent", "00-" + TRACE + "-" + PARENT + "-ff")).get("traceparent"))
        .isEqualTo("00-" + TRACE + "-" + PARENT + "-03");
    assertThat(hop.forward(HeaderCarrier.of("traceparent", "00-" + TRACE + "-" + PARENT + "-02")).get("traceparent"))
        .isEqualTo("00-" + TRACE + "-" + PARENT + "-02");
  }

  @Test
  void headerNames_areMatchedWithoutCase_byTheCarrier() {
    assertThat(hop.forward(HeaderCarrier.of("TrAcEpArEnT", VALID)).get("traceparent")).isEqualTo(VALID);
  }

  private static void assertNothingEchoed(HeaderCarrier outgoing) {
    assertThat(outgoing.dump().toLowerCase())
        .doesNotContain(TRACE, PARENT, "echo-me", "evil", "future", "0000000000000000-")
        .doesNotContain("\r");
  }
}
