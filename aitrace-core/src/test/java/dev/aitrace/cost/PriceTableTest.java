package dev.aitrace.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {
  private final PriceTable prices = PriceTable.bundled();

  private BigDecimal usd(String model, TokenUsage usage) {
    CostEstimate estimate = prices.cost(model, usage);
    assertThat(estimate.known()).as("price of %s known", model).isTrue();
    return estimate.usd().orElseThrow();
  }

  @Test
  void bundledTable_isDated_andCoversTheCurrentFamilies() {
    assertThat(prices.asOf()).isPresent();
    assertThat(prices.asOf().orElseThrow()).isAfter(LocalDate.of(2025, 1, 1));
    assertThat(prices.prices()).containsKeys("gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini",
        "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o3", "o3-mini", "o4-mini", "text-embedding-3-small",
        "text-embedding-3-large");
  }

  @Test
  void plainCall_isInputAtInputRate_plusOutputAtOutputRate() {
    // gpt-4.1: $2.00 in, $8.00 out per 1M
    assertThat(usd("gpt-4.1", TokenUsage.of(1_500, 300))).isEqualByComparingTo("0.0054");
  }

  @Test
  void cachedInput_isPricedOnce_atTheCachedRate_andTheRestAtFullRate() {
    // gpt-4o: 600 uncached * 2.50 + 400 cached * 1.25 + 200 out * 10.00 = 4000 per 1M
    assertThat(usd("gpt-4o", new TokenUsage(1_000, 400, 200, 0))).isEqualByComparingTo("0.004");
  }

  @Test
  void cachedInput_onAModelWithoutCacheDiscount_isPricedAtTheInputRate() {
    // gpt-4-turbo: no cached rate; 1000 * 10 + 100 * 30
    assertThat(usd("gpt-4-turbo", new TokenUsage(1_000, 800, 100, 0))).isEqualByComparingTo("0.013");
  }

  @Test
  void reasoningTokens_arePartOfOutput_andPricedOnce() {
    // o3: 2000 in * 2 + 5000 out (4000 of them reasoning) * 8 -- not 9000 output tokens
    assertThat(usd("o3", new TokenUsage(2_000, 0, 5_000, 4_000))).isEqualByComparingTo("0.044");
  }

  @Test
  void reasoningTokens_withTheirOwnRate_arePricedAtThatRateOnly() {
    ModelPrice price = ModelPrice.of("1.00", "4.00").withReasoning("6.00");
    // 1000 in * 1 + 400 visible out * 4 + 600 reasoning * 6 = 1000 + 1600 + 3600
    assertThat(price.cost(new TokenUsage(1_000, 0, 1_000, 600))).isEqualByComparingTo("0.0062");
  }

  @Test
  void embeddings_areInputOnly() {
    assertThat(usd("text-embedding-3-small", TokenUsage.of(1_234_567, 0))).isEqualByComparingTo("0.02469134");
    assertThat(usd("text-embedding-3-large", TokenUsage.of(1_000_000, 0))).isEqualByComparingTo("0.13");
  }

  @Test
  void datedSnapshots_resolveToTheirFamily() {
    TokenUsage usage = new TokenUsage(1_000, 400, 200, 0);
    assertThat(prices.resolvedName("gpt-4o-2024-08-06")).contains("gpt-4o");
    assertThat(usd("gpt-4o-2024-08-06", usage)).isEqualByComparingTo(usd("gpt-4o", usage));
    assertThat(prices.resolvedName("o3-mini-2025-01-31")).contains("o3-mini");
    assertThat(prices.resolvedName("gpt-4o-mini-2024-07-18")).contains("gpt-4o-mini");
    assertThat(prices.resolvedName("gpt-4.1-nano-2025-04-14")).contains("gpt-4.1-nano");
    assertThat(prices.resolvedName("gpt-3.5-turbo-0125")).contains("gpt-3.5-turbo");
    assertThat(usd("gpt-4o-mini-2024-07-18", TokenUsage.of(1_000_000, 0))).isEqualByComparingTo("0.15");
  }

  @Test
  void snapshotWithItsOwnPrice_keepsIt() {
    assertThat(prices.resolvedName("gpt-4o-2024-05-13")).contains("gpt-4o-2024-05-13");
    assertThat(usd("gpt-4o-2024-05-13", TokenUsage.of(1_000_000, 0))).isEqualByComparingTo("5.00");
  }

  @Test
  void aSiblingModel_isNeverPricedAsItsPrefix() {
    PriceTable onlyFamily = PriceTable.builder().price("gpt-4o", ModelPrice.of("2.50", "1.25", "10.00")).build();
    assertThat(onlyFamily.resolvedName("gpt-4o-mini")).isEmpty();
    assertThat(onlyFamily.cost("gpt-4o-mini", TokenUsage.of(10, 10)).known()).isFalse();
    assertThat(onlyFamily.resolvedName("gpt-4o-mini-2024-07-18")).isEmpty();
  }

  @Test
  void unknownModel_hasAnUnknownCost_notZero() {
    CostEstimate estimate = prices.cost("acme-llm-7b", TokenUsage.of(1_000, 1_000));
    assertThat(estimate.known()).isFalse();
    assertThat(estimate.usd()).isEmpty();
    assertThat(estimate.model()).isEqualTo("acme-llm-7b");
  }

  @Test
  void fileOverride_replacesAndAdds_andTakesItsDate(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        { "as_of": "2026-01-15",
          "models": {
            "gpt-4o": { "input": 2.00, "cached_input": "1.00", "output": 8 },
            "acme-llm-7b": { "input": 0.30, "output": 1.20, "reasoning": 2.40 } } }
        """);
    PriceTable table = PriceTable.bundled().toBuilder().load(file).build();
    assertThat(table.asOf()).contains(LocalDate.of(2026, 1, 15));
    assertThat(table.cost("gpt-4o-2024-08-06", new TokenUsage(1_000, 400, 200, 0)).usd().orElseThrow())
        .isEqualByComparingTo("0.0032"); // 600*2 + 400*1 + 200*8
    assertThat(table.cost("acme-llm-7b", new TokenUsage(1_000, 0, 1_000, 500)).usd().orElseThrow())
        .isEqualByComparingTo("0.0021"); // 1000*0.3 + 500*1.2 + 500*2.4
    assertThat(table.price("o3")).isEqualTo(prices.price("o3"));
  }

  @Test
  void repeatedAndInterleavedPricing_givesEachCallItsOwnExactCost() {
    PriceTable table = PriceTable.bundled().toBuilder().build();
    TokenUsage usage = new TokenUsage(1_000, 400, 200, 0);
    for (int round = 0; round < 3; round++) {
      // a snapshot, its family, the same tokens on another model, and a model without a price
      assertThat(table.cost("gpt-4o-2024-08-06", usage).usd().orElseThrow()).isEqualByComparingTo("0.004");
      assertThat(table.cost("gpt-4o", usage).model()).isEqualTo("gpt-4o");
      assertThat(table.cost("gpt-4o", TokenUsage.of(1_000, 0)).usd().orElseThrow()).isEqualByComparingTo("0.0025");
      assertThat(table.cost("gpt-4.1", usage).usd().orElseThrow()).isEqualByComparingTo("0.003"); // 600*2 + 400*0.5 + 200*8
      assertThat(table.cost("acme-llm-2024-01-01", usage).known()).isFalse();
      assertThat(table.price("acme-llm-2024-01-01")).isEmpty();
      assertThat(table.price("gpt-4o-2024-08-06")).isEqualTo(table.price("gpt-4o"));
    }
    assertThat(table.price(null)).isEmpty();
  }

  @Test
  void badFile_failsNamingTheEntryAndTheField(@TempDir Path dir) throws IOException {
    assertBad(dir, "{\"models\":{\"gpt-4o\":{\"input\":\"cheap\",\"output\":1}}}",
        "model 'gpt-4o' field 'input'", "cheap");
    assertBad(dir, "{\"models\":{\"acme\":{\"input\":1}}}", "model 'acme' field 'output': missing");
    assertBad(dir, "{\"models\":{\"acme\":{\"input\":1,\"ouput\":2}}}", "model 'acme' field 'ouput': unknown field");
    assertBad(dir, "{\"models\":{\"acme\":{\"input\":-1,\"output\":2}}}", "model 'acme' field 'input': must not be negative");
    assertBad(dir, "{\"models\":{\"acme\":{\"input\":1,\"output\":[2]}}}", "model 'acme' field 'output'");
    assertBad(dir, "{\"as_of\":\"yesterday\",\"models\":{}}", "\"as_of\"", "yesterday");
    assertBad(dir, "{\"prices\":{}}", "missing \"models\"");
    assertBad(dir, "{\"models\":{\"acme\":{\"input\":1,", "not valid JSON");
  }

  private static void assertBad(Path dir, String json, String... fragments) throws IOException {
    Path file = Files.createTempFile(dir, "bad", ".json");
    Files.writeString(file, json);
    assertThatThrownBy(() -> PriceTable.builder().load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContainingAll(fragments);
  }
}
