package dev.aitrace.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.GenAiAttributes;
import dev.aitrace.alert.Alert;
import dev.aitrace.alert.AlertType;
import dev.aitrace.alert.InMemoryAlertListener;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import dev.aitrace.guard.GuardAction;
import dev.aitrace.ledger.Dimension;
import dev.aitrace.testing.FakeAiCall;
import dev.aitrace.testing.TestClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {
  // gpt-4.1-nano: 10,000 input tokens * $0.10 per 1M = exactly $0.001 per call
  private static final long INPUT = 10_000;

  private final TestClock clock = TestClock.at("2026-03-31T22:00:00Z");
  private final InMemoryAlertListener alerts = InMemoryAlertListener.create();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private AiTrace aiTrace;

  @AfterEach
  void close() {
    if (aiTrace != null) {
      aiTrace.close();
    }
  }

  private AiTrace build(Budget... budgets) {
    var builder = AiTrace.builder().shutdownHook(false).clock(clock).addAlertListener(alerts).addExporter(spans);
    for (Budget b : budgets) {
      builder.budget(b);
    }
    return aiTrace = builder.build();
  }

  private void call() {
    FakeAiCall.of(aiTrace).model("gpt-4.1-nano").tokens(INPUT, 0, 0, 0).run();
  }

  private static Scope user(String id) {
    return Attribution.builder().userId(id).budgetCategory("consulting").taskId("t-1").build().makeCurrent();
  }

  @Test
  void blockingUserBudget_refusesTheCallAfterTheLimitIsReached_withTheBudgetSpentAndAttribution() {
    Budget daily = Budget.builder(BudgetScope.USER).limitUsd("0.010").window(BudgetWindow.DAY)
        .action(GuardAction.BLOCK).build();
    build(daily);
    try (Scope ignored = user("u-42")) {
      for (int i = 0; i < 10; i++) {
        call();
      }
      BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, this::call);
      assertThat(e.budget()).isSameAs(daily);
      assertThat(e.key()).isEqualTo("u-42");
      assertThat(e.spentUsd()).isEqualByComparingTo("0.010");
      assertThat(e.attribution().userId()).contains("u-42");
      assertThat(e.attribution().budgetCategory()).contains("consulting");
      assertThat(e.getMessage()).contains("u-42", "$0.010", "$0.010", "day");
    }
    try (Scope ignored = user("u-7")) {
      call(); // another user's budget is untouched
    }
    aiTrace.flush();
    SpanRecord blocked = spans.getFinishedSpans().stream()
        .filter(s -> s.attributes().get(GenAiAttributes.BLOCKED_REASON) != null).findFirst().orElseThrow();
    assertThat(blocked.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(blocked.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
    var ledger = aiTrace.ledger().snapshot().slice(Dimension.USER, "u-42").orElseThrow().total();
    assertThat(ledger.calls()).isEqualTo(11);
    assertThat(ledger.blocked()).isEqualTo(1);
    assertThat(ledger.costUsd()).isEqualByComparingTo("0.010");
  }

  @Test
  void thresholds_alertOnceEach_at80_95_and100Percent() {
    build(Budget.builder(BudgetScope.USER).limitUsd("0.020").window(BudgetWindow.DAY).build());
    try (Scope ignored = user("u-1")) {
      for (int i = 0; i < 25; i++) {
        call(); // alert-only: never refused
      }
    }
    assertThat(alerts.alerts(AlertType.BUDGET_THRESHOLD)).extracting(a -> a.details().get("spent_usd"))
        .containsExactly("0.016", "0.019", "0.020");
    Alert first = alerts.alerts(AlertType.BUDGET_THRESHOLD).get(0);
    assertThat(first.message()).contains("80%", "u-1");
    assertThat(first.details()).containsEntry("key", "u-1").containsEntry("limit_usd", "0.020");
    assertThat(alerts.alerts(AlertType.BUDGET_BLOCKED)).isEmpty();
    BudgetStatus status = aiTrace.budgets().snapshot().get(0);
    assertThat(status.key()).isEqualTo("u-1");
    assertThat(status.spentUsd()).isEqualByComparingTo("0.025");
    assertThat(status.fraction()).isEqualByComparingTo("1.25");
    assertThat(status.exhausted()).isTrue();
  }

  @Test
  void underEightThreads_theOvershootIsBoundedByTheCallsInFlight() throws Exception {
    Budget budget = Budget.builder(BudgetScope.CATEGORY).only("consulting").limitUsd("0.050")
        .window(BudgetWindow.HOUR).action(GuardAction.BLOCK).build();
    build(budget);
    int threads = 8;
    java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refusedEarly = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        try (Scope ignored = user("u-" + Thread.currentThread().getId())) {
          start.await();
          for (int i = 0; i < 100; i++) {
            try {
              call();
              allowed.incrementAndGet();
            } catch (BudgetExceededException e) {
              refused.incrementAndGet();
              if (e.spentUsd().compareTo(new BigDecimal("0.050")) < 0) {
                refusedEarly.incrementAndGet();
              }
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    // 50 calls reach the limit; at most the 7 other threads' calls were in flight past it
    assertThat(allowed.get()).isBetween(50, 50 + threads - 1);
    assertThat(allowed.get() + refused.get()).isEqualTo(800);
    assertThat(refusedEarly.get()).isZero();
    BigDecimal spent = aiTrace.ledger().snapshot().slice(Dimension.CATEGORY, "consulting").orElseThrow().total().costUsd();
    assertThat(spent).isEqualByComparingTo(new BigDecimal("0.001").multiply(BigDecimal.valueOf(allowed.get())));
    assertThat(spent).isLessThanOrEqualTo(new BigDecimal("0.057"));
    assertThat(alerts.alerts(AlertType.BUDGET_BLOCKED)).hasSize(1); // deduplicated
    try (Scope ignored = user("late")) {
      assertThatThrownBy(this::call).isInstanceOf(BudgetExceededException.class);
    }
  }

  @Test
  void monthlyCategoryBudget_startsAfreshInTheNextMonth() {
    build(Budget.builder(BudgetScope.CATEGORY).limitUsd("0.002").window(BudgetWindow.MONTH)
        .action(GuardAction.BLOCK).build());
    try (Scope ignored = user("u-1")) {
      call();
      call();
      assertThatThrownBy(this::call).isInstanceOf(BudgetExceededException.class);
      assertThat(aiTrace.budgets().snapshot()).singleElement()
          .satisfies(s -> assertThat(s.spentUsd()).isEqualByComparingTo("0.002"));
      clock.set(Instant.parse("2026-04-01T00:00:01Z"));
      assertThat(aiTrace.budgets().snapshot()).isEmpty();
      call(); // a new month: allowed again
    }
    assertThat(aiTrace.ledger().snapshot().overall().total().costUsd()).isEqualByComparingTo("0.003");
  }

  @Test
  void requestBudget_limitsEachTraceOnItsOwn() {
    build(Budget.builder(BudgetScope.TRACE).limitUsd("0.002").window(BudgetWindow.REQUEST)
        .action(GuardAction.BLOCK).build());
    for (int trace = 0; trace < 3; trace++) {
      Span root = aiTrace.tracer().spanBuilder("request").startSpan();
      try (Scope ignored = root.makeCurrent()) {
        call();
        call();
        assertThatThrownBy(this::call).isInstanceOf(BudgetExceededException.class)
            .hasMessageContaining(root.getSpanContext().getTraceId());
      } finally {
        root.end();
      }
    }
  }

  @Test
  void perUserRequestBudget_limitsEachRequestOfTheUser_notTheUsersDay() {
    build(Budget.builder(BudgetScope.USER).limitUsd("0.001").window(BudgetWindow.REQUEST)
        .action(GuardAction.BLOCK).build());
    for (int request = 0; request < 2; request++) {
      Span root = aiTrace.tracer().spanBuilder("request").startSpan();
      try (Scope ignored = root.makeCurrent(); Scope who = user("u-1")) {
        call();
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, this::call);
        assertThat(e.key()).isEqualTo("u-1");
        assertThat(e.spentUsd()).isEqualByComparingTo("0.001");
      } finally {
        root.end();
      }
    }
    assertThat(aiTrace.ledger().snapshot().slice(Dimension.USER, "u-1").orElseThrow().total().costUsd())
        .isEqualByComparingTo("0.002");
  }

  @Test
  void unknownPrices_areNotCharged_andNeverBlock() {
    build(Budget.builder(BudgetScope.USER).limitUsd("0.001").action(GuardAction.BLOCK).build());
    try (Scope ignored = user("u-1")) {
      for (int i = 0; i < 5; i++) {
        FakeAiCall.of(aiTrace).model("acme-llm").tokens(1_000_000, 0, 1_000_000, 0).run();
      }
    }
    assertThat(aiTrace.ledger().snapshot().overall().total().unknownCostCalls()).isEqualTo(5);
  }

  @Test
  void budgetBuilder_failsFast_namingTheValue() {
    assertThatThrownBy(() -> Budget.builder(BudgetScope.USER).build()).hasMessageContaining("limitUsd");
    assertThatThrownBy(() -> Budget.builder(BudgetScope.USER).limitUsd("-1")).hasMessageContaining("-1");
    assertThatThrownBy(() -> Budget.builder(BudgetScope.USER).limitUsd("lots")).hasMessageContaining("lots");
    assertThatThrownBy(() -> Budget.builder(BudgetScope.USER).thresholds(0.5, 1.5)).hasMessageContaining("1.5");
    assertThat(Budget.builder(BudgetScope.USER).limitUsd("5").window(BudgetWindow.DAY).build().name())
        .isEqualTo("user $5/day");
  }
}
