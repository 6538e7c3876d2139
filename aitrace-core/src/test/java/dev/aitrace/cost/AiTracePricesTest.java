package dev.aitrace.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.internal.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AiTracePricesTest {
  @Test
  void everyAiTrace_pricesWithTheBundledTable_byDefault() {
    try (AiTrace aiTrace = AiTrace.builder().shutdownHook(false).build()) {
      assertThat(aiTrace.costs().cost("gpt-4o-mini", TokenUsage.of(1_000_000, 1_000_000)).usd())
          .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.75"));
    }
  }

  @Test
  void pricesFromCode_overrideAndAdd() {
    try (AiTrace aiTrace = AiTrace.builder().shutdownHook(false)
        .price("gpt-4o", ModelPrice.of("1.00", "0.50", "4.00"))
        .price("acme-llm", ModelPrice.of("0.10", "0.20"))
        .build()) {
      assertThat(aiTrace.costs().cost("gpt-4o-2024-11-20", new TokenUsage(1_000_000, 500_000, 0, 0)).usd())
          .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.75"));
      assertThat(aiTrace.costs().cost("acme-llm", TokenUsage.of(0, 1_000_000)).usd())
          .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.20"));
      assertThat(aiTrace.costs().cost("o3", TokenUsage.of(1_000_000, 0)).usd())
          .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("2.00"));
    }
  }

  @Test
  void pricesFile_fromConfiguration(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, "{\"models\":{\"acme-llm\":{\"input\":3,\"output\":6}}}");
    try (AiTrace aiTrace = AiTrace.builder().shutdownHook(false)
        .fromConfig(Config.of(Map.of("AITRACE_PRICES_FILE", file.toString()))).build()) {
      assertThat(aiTrace.costs().cost("acme-llm", TokenUsage.of(1_000, 1_000)).usd())
          .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.009"));
    }
  }

  @Test
  void badPricesFile_failsTheBuilder_namingTheKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, "{\"models\":{\"acme-llm\":{\"input\":3}}}");
    assertThatThrownBy(() -> AiTrace.builder().fromConfig(Config.of(Map.of("AITRACE_PRICES_FILE", file.toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("AITRACE_PRICES_FILE", "model 'acme-llm' field 'output': missing");
    assertThatThrownBy(() -> AiTrace.builder().pricesFile(dir.resolve("missing.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.json");
  }

  @Test
  void explicitCalculator_replacesThePrices() {
    try (AiTrace aiTrace = AiTrace.builder().shutdownHook(false).costCalculator(CostCalculator.unknown()).build()) {
      assertThat(aiTrace.costs().cost("gpt-4o", TokenUsage.of(1, 1)).known()).isFalse();
    }
  }
}
