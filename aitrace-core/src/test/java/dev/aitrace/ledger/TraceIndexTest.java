package dev.aitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIndexTest {
  private static String traceId(int i) {
    return String.format("%032x", 0x1000L + i);
  }

  private static String spanId(int i) {
    return String.format("%016x", 0x2000L + i);
  }

  @Test
  void rootOfATraceWithAnAgent_becomesTheSpanToLinkTo() {
    TraceIndex index = new TraceIndex(10);
    index.addAgent(traceId(1), "planner", null);
    index.addRoot(traceId(1), spanId(1));
    index.addRoot(traceId(1), spanId(2)); // a second local root does not replace the first

    TraceIndex.Facts facts = index.trace(traceId(1)).orElseThrow();
    assertThat(facts.spanId).isEqualTo(spanId(1));
    assertThat(facts.rootSpan).isTrue();
    assertThat(facts.keys(Dimension.AGENT)).containsExactly("planner");
  }

  @Test
  void rootOfATraceWithoutAiWork_isNotRemembered() {
    TraceIndex index = new TraceIndex(10);
    index.addAgent(traceId(1), "planner", null);

    for (int i = 2; i < 500; i++) {
      index.addRoot(traceId(i), spanId(i));
    }

    assertThat(index.trace(traceId(2))).isEmpty();
    assertThat(index.trace(traceId(499))).isEmpty();
    assertThat(index.trace(traceId(1)).orElseThrow().rootSpan).isFalse();
  }

  @Test
  void forgottenTraces_ignoreTheirRoots_whileHeldOnesStillTakeThem() {
    TraceIndex index = new TraceIndex(100);
    for (int i = 0; i < 1_000; i++) {
      index.addAgent(traceId(i), "agent-" + i, null);
    }

    for (int i = 0; i < 1_000; i++) {
      index.addRoot(traceId(i), spanId(i));
    }

    assertThat(index.trace(traceId(0))).isEmpty();
    assertThat(index.trace(traceId(899))).isEmpty();
    for (int i = 900; i < 1_000; i++) {
      TraceIndex.Facts facts = index.trace(traceId(i)).orElseThrow();
      assertThat(facts.spanId).isEqualTo(spanId(i));
      assertThat(facts.rootSpan).isTrue();
    }
  }

  @Test
  void traceForgottenAndSeenAgain_takesItsRootAgain() {
    TraceIndex index = new TraceIndex(1);
    index.addAgent(traceId(1), "a", null);
    index.addAgent(traceId(2), "b", null); // forgets trace 1
    index.addAgent(traceId(1), "a", null); // forgets trace 2, holds trace 1 afresh

    index.addRoot(traceId(2), spanId(2));
    index.addRoot(traceId(1), spanId(1));

    assertThat(index.trace(traceId(2))).isEmpty();
    assertThat(index.trace(traceId(1)).orElseThrow().spanId).isEqualTo(spanId(1));
  }
}
