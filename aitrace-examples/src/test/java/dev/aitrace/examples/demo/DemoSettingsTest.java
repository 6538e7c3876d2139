package dev.aitrace.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {
  @Test
  void noApiKey_usesTheEmbeddedFake_withTheCheapModel() {
    DemoSettings settings = DemoSettings.from(new String[0], key -> null);

    assertThat(settings.useFake()).isTrue();
    assertThat(settings.chatModel()).isEqualTo("gpt-4o-mini");
    assertThat(settings.serve()).isFalse();
  }

  @Test
  void apiKey_baseUrlAndModel_comeFromTheEnvironment() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-live", "OPENAI_BASE_URL", "https://proxy.example/v1",
        "AITRACE_DEMO_MODEL", "gpt-4.1-nano");

    DemoSettings settings = DemoSettings.from(new String[] {"--serve", "--port=9090"}, env::get);

    assertThat(settings.useFake()).isFalse();
    assertThat(settings.apiKey()).isEqualTo("sk-live");
    assertThat(settings.openAiBaseUrl()).isEqualTo("https://proxy.example/v1");
    assertThat(settings.chatModel()).isEqualTo("gpt-4.1-nano");
    assertThat(settings.serve()).isTrue();
    assertThat(settings.port()).isEqualTo(9090);
  }

  @Test
  void blankApiKey_countsAsUnset() {
    assertThat(DemoSettings.from(new String[0], Map.of("OPENAI_API_KEY", "  ")::get).useFake()).isTrue();
  }

  @Test
  void badArguments_failNamingTheValue() {
    assertThatThrownBy(() -> DemoSettings.from(new String[] {"--port=80x"}, key -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'80x'");
    assertThatThrownBy(() -> DemoSettings.from(new String[] {"--port=70000"}, key -> null))
        .hasMessageContaining("'70000'");
    assertThatThrownBy(() -> DemoSettings.from(new String[] {"--verbose"}, key -> null))
        .hasMessageContaining("'--verbose'");
  }
}
