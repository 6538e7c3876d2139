package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.aitrace.Attribution;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BaggageTest {
  private final Hop hop = new Hop();

  @AfterEach
  void close() {
    hop.close();
  }

  private Baggage extract(String... baggageLines) {
    HeaderCarrier carrier = new HeaderCarrier();
    for (String line : baggageLines) {
      carrier.add("baggage", line);
    }
    return Baggage.fromContext(hop.propagator.extract(Context.root(), carrier, HeaderCarrier.GETTER));
  }

  private static Map<String, String> values(Baggage baggage) {
    Map<String, String> values = new LinkedHashMap<>();
    baggage.forEach((k, e) -> values.put(k, e.getValue()));
    return values;
  }

  private String inject(Baggage baggage) {
    HeaderCarrier out = new HeaderCarrier();
    hop.propagator.inject(Context.root().with(baggage), out, HeaderCarrier.SETTER);
    return out.get("baggage");
  }

  @Test
  void percentEncodedValues_areDecoded_andEncodedAgain() {
    Baggage b = extract("userId=alice%20smith , serverNode=DF%2028,isProduction=false", "emoji=%F0%9F%98%80%25");
    assertThat(values(b)).containsOnly(entry("userId", "alice smith"), entry("serverNode", "DF 28"),
        entry("isProduction", "false"), entry("emoji", "\uD83D\uDE00%"));
    String header = inject(b);
    assertThat(header).isEqualTo("emoji=%F0%9F%98%80%25,isProduction=false,serverNode=DF%2028,userId=alice%20smith");
    assertThat(values(extract(header))).isEqualTo(values(b));
  }

  @Test
  void properties_arePreservedAsMetadata() {
    Baggage b = extract("k=v ; p1 ; p2 = x,plain=1");
    assertThat(b.getEntry("k").getMetadata().getValue()).isEqualTo("p1;p2=x");
    assertThat(inject(b)).isEqualTo("k=v;p1;p2=x,plain=1");
  }

  @Test
  void invalidUtf8_becomesTheReplacementCharacter() {
    assertThat(extract("k=a%FFb").getEntryValue("k")).isEqualTo("a\uFFFDb");
  }

  @Test
  void malformedMembers_areDropped_theOthersKept() {
    Baggage b = extract("good=1,bad key=echo,pct=echo%zz,trail=echo%2,=echo,noequals,quote=\"echo\","
        + "back=ec\\ho,sp=ec ho,ctl=echo\u0001,prop=1;bad prop,utf=\u00e9cho,,ok=2");
    assertThat(values(b)).containsOnly(entry("good", "1"), entry("ok", "2"));
    assertThat(inject(b)).isEqualTo("good=1,ok=2");
  }

  @Test
  void membersAfterThe180th_areDropped() {
    String header = IntStream.range(0, 181).mapToObj(i -> String.format("k%03d=v", i)).collect(Collectors.joining(","));
    Baggage b = extract(header);
    assertThat(b.size()).isEqualTo(180);
    assertThat(b.getEntryValue("k179")).isEqualTo("v");
    assertThat(b.getEntryValue("k180")).isNull();
  }

  @Test
  void headerOver8192Bytes_isIgnoredEntirely_andNothingIsEchoed() {
    String big = "echo=" + "x".repeat(8188); // 8193 bytes
    HeaderCarrier in = HeaderCarrier.of("traceparent", "00-12345678901234567890123456789012-1234567890123456-01",
        "baggage", "aitrace.user.id=echo-user," + big.substring(26));
    assertThat(in.get("baggage")).hasSize(8193);
    Hop.Result r = hop.pass(in);
    assertThat(Baggage.fromContext(r.extracted).isEmpty()).isTrue();
    assertThat(Attribution.fromContext(r.extracted).isEmpty()).isTrue();
    assertThat(r.server.traceId()).isEqualTo("12345678901234567890123456789012");
    assertThat(r.outgoing.get("baggage")).isNull();
    assertThat(r.outgoing.dump()).doesNotContain("echo", "xxxx");
  }

  @Test
  void exactly8192Bytes_areAccepted_countedAsUtf8() {
    assertThat(extract("k=" + "x".repeat(8190)).getEntryValue("k")).hasSize(8190);
    assertThat(extract("k=" + "x".repeat(8188) + "%C3").isEmpty()).isTrue(); // 8193 bytes
  }

  @Test
  void splitAcrossHeaders_isCombined() {
    assertThat(values(extract("a=1", "b=2"))).containsOnly(entry("a", "1"), entry("b", "2"));
  }

  @Test
  void inject_respectsTheLimits_withWholeMembersOnly() {
    BaggageBuilder many = Baggage.builder();
    for (int i = 0; i < 200; i++) {
      many.put(String.format("k%03d", i), "v");
    }
    String header = inject(many.build());
    assertThat(header.split(",")).hasSize(180);
    assertThat(header).endsWith("k179=v");

    BaggageBuilder large = Baggage.builder();
    for (int i = 0; i < 5; i++) {
      large.put("k" + i, "\u00e9".repeat(1000)); // 6000 bytes encoded each
    }
    String big = inject(large.build());
    assertThat(big).hasSizeLessThanOrEqualTo(8192).startsWith("k0=%C3%A9").doesNotContain(",");
    assertThat(values(extract(big)).get("k0")).isEqualTo("\u00e9".repeat(1000));
  }

  @Test
  void inject_skipsKeysThatAreNotTokens_andWritesNothingForEmptyBaggage() {
    assertThat(inject(Baggage.builder().put("bad key", "v").put("good", "v", BaggageEntryMetadata.create("bad prop"))
        .build())).isEqualTo("good=v");
    assertThat(inject(Baggage.empty())).isNull();
  }

  @Test
  void attribution_crossesServices_asBaggage_andLandsOnTheReceiversSpans() {
    Attribution who = Attribution.builder().userId("u-42").sessionId("s 1").taskId("report-7").agentName("writer")
        .tenant("acme").budgetCategory("consulting").tag("team", "search").build();
    HeaderCarrier wire = new HeaderCarrier();
    Context sender = Context.root().with(who).with(Baggage.builder().put("other", "kept").build());
    hop.propagator.inject(sender, wire, HeaderCarrier.SETTER);

    assertThat(wire.get("baggage")).contains("aitrace.user.id=u-42", "session.id=s%201", "aitrace.tag.team=search");
    try (Hop receiver = new Hop()) {
      Hop.Result r = receiver.pass(wire);
      assertThat(Attribution.fromContext(r.extracted)).isEqualTo(who);
      assertThat(r.server.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
      assertThat(r.server.attributes().get(Attribution.SESSION_ID)).isEqualTo("s 1");
      assertThat(r.server.attributes().get(Attribution.TASK_ID)).isEqualTo("report-7");
      assertThat(r.server.attributes().get(Attribution.AGENT_NAME)).isEqualTo("writer");
      assertThat(r.server.attributes().get(Attribution.TENANT)).isEqualTo("acme");
      assertThat(r.server.attributes().get(Attribution.BUDGET_CATEGORY)).isEqualTo("consulting");
      assertThat(r.server.attributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("aitrace.tag.team")))
          .isEqualTo("search");
      assertThat(Baggage.fromContext(r.extracted).getEntryValue("other")).isEqualTo("kept");
      assertThat(r.outgoing.get("baggage")).isEqualTo(wire.get("baggage"));
    }
  }

  @Test
  void currentAttribution_winsOverBaggage_withTheSameKey() {
    Context context = Context.root()
        .with(Baggage.builder().put("aitrace.user.id", "from-baggage").build())
        .with(Attribution.builder().userId("from-attribution").build());
    HeaderCarrier out = new HeaderCarrier();
    hop.propagator.inject(context, out, HeaderCarrier.SETTER);
    assertThat(out.get("baggage")).isEqualTo("aitrace.user.id=from-attribution");
  }

  @Test
  void extractedBaggage_isVisibleThroughTheOpenTelemetryApi() {
    Baggage b = extract("a=1;meta");
    BaggageEntry entry = b.asMap().get("a");
    assertThat(entry.getValue()).isEqualTo("1");
    assertThat(entry.getMetadata().getValue()).isEqualTo("meta");
  }
}
