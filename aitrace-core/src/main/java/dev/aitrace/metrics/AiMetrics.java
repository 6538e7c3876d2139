package dev.aitrace.metrics;

import static java.util.Objects.requireNonNull;

import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.ledger.AiCallObserver;
import dev.aitrace.ledger.AiCallRecord;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * Records every AI call through the OpenTelemetry Metrics API of an {@link OpenTelemetry} the
 * application supplies (its SDK, or the Java agent's), so that many instances add up in the team's
 * Prometheus or OTLP pipeline. Names follow the GenAI semantic conventions:
 * <ul>
 *   <li>{@code gen_ai.client.token.usage} (histogram, {@code {token}}, with {@code gen_ai.token.type}
 *       {@code input} or {@code output})
 *   <li>{@code gen_ai.client.operation.duration} (histogram, seconds, with {@code error.type} on failures)
 *   <li>{@code gen_ai.client.operation.time_to_first_chunk} (histogram, seconds, streamed calls)
 * </ul>
 * plus {@code aitrace.cost} (counter, {@code usd}, with the budget category and agent), {@code
 * aitrace.cost.unknown} (calls whose model has no price) and {@code aitrace.call.blocked} (calls a
 * guard refused). Every instrument carries {@code gen_ai.operation.name}, {@code
 * gen_ai.provider.name}, {@code gen_ai.request.model} and {@code gen_ai.response.model}; user and
 * task ids are deliberately left out, since their cardinality would swamp a metrics backend (the
 * {@link dev.aitrace.ledger.CostLedger} slices by them instead). Thread-safe.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder().metrics(GlobalOpenTelemetry.get()).build();
 * }</pre>
 */
public final class AiMetrics implements AiCallObserver {
  /** The instrumentation scope of the instruments. */
  public static final String SCOPE = "dev.aitrace";
  /** GenAI semantic conventions: which tokens a {@code gen_ai.client.token.usage} point counts. */
  public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

  private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
      262144L, 1048576L, 4194304L, 16777216L, 67108864L);
  private static final List<Double> SECONDS_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
      2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  private final LongHistogram tokens;
  private final DoubleHistogram duration;
  private final DoubleHistogram timeToFirstChunk;
  private final DoubleCounter cost;
  private final LongCounter unknownCost;
  private final LongCounter blocked;

  private AiMetrics(Meter meter) {
    tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used.")
        .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
    duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("GenAI operation duration.").setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
    timeToFirstChunk = meter.histogramBuilder("gen_ai.client.operation.time_to_first_chunk").setUnit("s")
        .setDescription("Time to receive the first chunk of a streamed response.")
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
    cost = meter.counterBuilder("aitrace.cost").ofDoubles().setUnit("usd")
        .setDescription("Cost of AI calls with a known price, in US dollars.").build();
    unknownCost = meter.counterBuilder("aitrace.cost.unknown").setUnit("{call}")
        .setDescription("AI calls whose model has no price, so their cost is unknown.").build();
    blocked = meter.counterBuilder("aitrace.call.blocked").setUnit("{call}")
        .setDescription("AI calls a budget or loop guard refused before they were sent.").build();
  }

  /** Instruments from {@code openTelemetry}'s meter provider, scope {@value #SCOPE}. */
  public static AiMetrics create(OpenTelemetry openTelemetry) {
    requireNonNull(openTelemetry, "openTelemetry");
    return new AiMetrics(openTelemetry.getMeterProvider().meterBuilder(SCOPE)
        .build());
  }

  @Override
  public void onAiCall(AiCallRecord call) {
    AttributesBuilder common = Attributes.builder()
        .put(GenAiAttributes.OPERATION_NAME, call.operation())
        .put(GenAiAttributes.REQUEST_MODEL, call.model())
        .put(GenAiAttributes.RESPONSE_MODEL, call.responseModel());
    if (!call.provider().isEmpty()) {
      common.put(GenAiAttributes.PROVIDER_NAME, call.provider());
    }
    if (call.blocked()) {
      blocked.add(1, common.put(GenAiAttributes.BLOCKED_REASON, call.blockedReason()).build());
      return;
    }
    Attributes base = common.build();
    if (call.usage().inputTokens() > 0 || call.usage().outputTokens() > 0) {
      tokens.record(call.usage().inputTokens(), base.toBuilder().put(TOKEN_TYPE, "input").build());
      tokens.record(call.usage().outputTokens(), base.toBuilder().put(TOKEN_TYPE, "output").build());
    }
    Attributes timed = call.failed() ? base.toBuilder().put(GenAiAttributes.ERROR_TYPE, call.errorType()).build() : base;
    duration.record(call.durationNanos() / 1e9, timed);
    if (call.timeToFirstChunkNanos() >= 0) {
      timeToFirstChunk.record(call.timeToFirstChunkNanos() / 1e9, base);
    }
    if (call.cost().known()) {
      AttributesBuilder who = base.toBuilder();
      call.attribution().budgetCategory().ifPresent(c -> who.put(Attribution.BUDGET_CATEGORY, c));
      call.attribution().agentName().ifPresent(a -> who.put(Attribution.AGENT_NAME, a));
      cost.add(call.cost().usd().orElseThrow().doubleValue(), who.build());
    } else {
      unknownCost.add(1, base);
    }
  }
}
