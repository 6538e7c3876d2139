package dev.aitrace.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.internal.SelfLog;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AiCallTest {
  @Test
  void lazyFingerprint_isComputedOnFirstRead_andOnlyOnce() {
    AtomicInteger computed = new AtomicInteger();
    AiCall call = AiCall.lazy("chat", "gpt-4o", () -> {
      computed.incrementAndGet();
      return "3f2a9c";
    });

    assertThat(call.operation()).isEqualTo("chat");
    assertThat(call.model()).isEqualTo("gpt-4o");
    assertThat(computed).as("not hashed while no guard asks").hasValue(0);
    assertThat(call.fingerprint()).isEqualTo("3f2a9c");
    assertThat(call.fingerprint()).isEqualTo("3f2a9c");
    assertThat(computed).hasValue(1);
  }

  @Test
  void lazyFingerprint_thatFails_isUnknown_andReportedAsAFault() {
    long faults = SelfLog.faultCount();
    AiCall call = AiCall.lazy("chat", "gpt-4o", () -> {
      throw new IllegalStateException("messages unreadable");
    });

    assertThat(call.fingerprint()).isEmpty();
    assertThat(SelfLog.faultCount()).isGreaterThan(faults);
    assertThat(AiCall.lazy("chat", "gpt-4o", () -> null).fingerprint()).isEmpty();
  }

  @Test
  void calls_areValues_whetherTheirFingerprintWasGivenOrComputed() {
    AiCall given = new AiCall("embeddings", "text-embedding-3-small", "ab12");
    AiCall computed = AiCall.lazy("embeddings", "text-embedding-3-small", () -> "ab12");

    assertThat(computed).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(computed).isNotEqualTo(new AiCall("embeddings", "text-embedding-3-small", "cd34"));
    assertThat(computed.toString()).contains("embeddings", "text-embedding-3-small", "ab12");
  }

  @Test
  void missingParts_areRefusedByName() {
    assertThatThrownBy(() -> new AiCall("chat", "gpt-4o", null)).hasMessage("fingerprint");
    assertThatThrownBy(() -> AiCall.lazy("chat", null, () -> "")).hasMessage("model");
    assertThatThrownBy(() -> AiCall.lazy(null, "gpt-4o", () -> "")).hasMessage("operation");
  }
}
