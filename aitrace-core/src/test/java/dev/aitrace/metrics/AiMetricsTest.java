package dev.aitrace.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.testing.FakeAiCall;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiMetricsTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
  private final AiTrace aiTrace = AiTrace.builder().shutdownHook(false).metrics(sdk).build();

  @AfterEach
  void close() {
    aiTrace.close();
    sdk.close();
  }

  private static MetricData metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void aiCalls_reachTheAppsMeterProvider_underGenAiSemconvNames() {
    try (Scope ignored = Attribution.builder().userId("u-1").agentName("writer").budgetCategory("consulting")
        .build().makeCurrent()) {
      FakeAiCall.of(aiTrace).model("gpt-4o").responseModel("gpt-4o-2024-08-06").tokens(1_000, 400, 200, 0)
          .durationMillis(1_500).run();
      FakeAiCall.of(aiTrace).model("gpt-4o").tokens(3_000, 0, 100, 0).streamed(0.2).durationMillis(500).run();
      FakeAiCall.of(aiTrace).model("gpt-4o").failed("RateLimitError").durationMillis(100).run();
      FakeAiCall.of(aiTrace).model("acme-llm").tokens(1, 0, 1, 0).run();
    }
    Collection<MetricData> all = reader.collectAllMetrics();

    MetricData tokens = metric(all, "gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    HistogramPointData input = tokens.getHistogramData().getPoints().stream()
        .filter(p -> "input".equals(p.getAttributes().get(AiMetrics.TOKEN_TYPE))
            && "gpt-4o-2024-08-06".equals(p.getAttributes().get(GenAiAttributes.RESPONSE_MODEL)))
        .findFirst().orElseThrow();
    assertThat(input.getSum()).isEqualTo(1_000);
    assertThat(input.getAttributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(input.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(input.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");

    MetricData duration = metric(all, "gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(duration.getHistogramData().getPoints()).anySatisfy(p -> {
      assertThat(p.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("RateLimitError");
      assertThat(p.getSum()).isEqualTo(0.1);
    });
    double okSeconds = duration.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().get(GenAiAttributes.ERROR_TYPE) == null
            && "gpt-4o".equals(p.getAttributes().get(GenAiAttributes.REQUEST_MODEL)))
        .mapToDouble(HistogramPointData::getSum).sum();
    assertThat(okSeconds).isEqualTo(2.0);

    MetricData ttft = metric(all, "gen_ai.client.operation.time_to_first_chunk");
    assertThat(ttft.getHistogramData().getPoints()).singleElement()
        .satisfies(p -> assertThat(p.getSum()).isEqualTo(0.2));

    MetricData cost = metric(all, "aitrace.cost");
    assertThat(cost.getUnit()).isEqualTo("usd");
    double usd = cost.getDoubleSumData().getPoints().stream().mapToDouble(p -> p.getValue()).sum();
    assertThat(usd).isCloseTo(0.004 + 0.0085, org.assertj.core.api.Assertions.within(1e-12));
    Attributes costAttributes = cost.getDoubleSumData().getPoints().iterator().next().getAttributes();
    assertThat(costAttributes.get(Attribution.BUDGET_CATEGORY)).isEqualTo("consulting");
    assertThat(costAttributes.get(Attribution.AGENT_NAME)).isEqualTo("writer");
    assertThat(costAttributes.get(Attribution.USER_ID)).as("user ids stay out of metrics").isNull();

    assertThat(metric(all, "aitrace.cost.unknown").getLongSumData().getPoints()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
  }
}
