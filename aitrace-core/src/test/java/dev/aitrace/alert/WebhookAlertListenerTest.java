package dev.aitrace.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.budget.Budget;
import dev.aitrace.budget.BudgetScope;
import dev.aitrace.testing.FakeAiCall;
import io.opentelemetry.context.Scope;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookAlertListenerTest {
  private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private WebhookAlertListener webhook;

  @BeforeEach
  void start() {
    server.start();
  }

  @AfterEach
  void stop() {
    if (webhook != null) {
      webhook.close();
    }
    server.stop();
  }

  private String url() {
    return "http://127.0.0.1:" + server.port() + "/hook";
  }

  private static Alert alert(String condition) {
    return new Alert(AlertType.COST_ANOMALY, condition, "cost spike", Map.of("cost_usd_this_minute", "4.00"),
        Instant.parse("2026-03-03T09:00:00Z"));
  }

  /** Waits for the background sender; bounded, so a broken sender fails the test instead of hanging it. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void budgetAlert_isPostedAsJson_withTheConfiguredHeader() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    webhook = WebhookAlertListener.builder(url()).header("Authorization", "Bearer hook-token").build();
    try (AiTrace aiTrace = AiTrace.builder().shutdownHook(false).addAlertListener(webhook)
        .budget(Budget.builder(BudgetScope.USER).limitUsd("0.001").build()).build();
        Scope ignored = Attribution.builder().userId("u-42").build().makeCurrent()) {
      FakeAiCall.of(aiTrace).model("gpt-4.1-nano").tokens(10_000, 0, 0, 0).run(); // exactly $0.001
    }
    // closing the AiTrace closed the webhook, which first sent what was queued
    assertThat(webhook.deliveredCount()).isEqualTo(3); // 80%, 95% and 100% crossed by one call
    server.verify(3, postRequestedFor(urlEqualTo("/hook"))
        .withHeader("Content-Type", containing("application/json"))
        .withHeader("Authorization", equalTo("Bearer hook-token"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("BUDGET_THRESHOLD")))
        .withRequestBody(matchingJsonPath("$.details.key", equalTo("u-42")))
        .withRequestBody(matchingJsonPath("$.details.limit_usd", equalTo("0.001"))));
    server.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.message", containing("100%"))));
  }

  @Test
  void failedPosts_areRetried() throws Exception {
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(429)).willSetStateTo("up"));
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
    webhook = WebhookAlertListener.builder(url()).backoff(Duration.ofMillis(5)).build();
    webhook.onAlert(alert("a"));
    await(() -> webhook.deliveredCount() == 1);
    server.verify(3, postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.condition", equalTo("a"))));
    assertThat(webhook.failedCount()).isZero();
  }

  @Test
  void webhookDown_failsAreCounted_andTheAppCarriesOn() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(503)));
    webhook = WebhookAlertListener.builder(url()).maxAttempts(3).backoff(Duration.ofMillis(5)).build();
    webhook.onAlert(alert("a"));
    await(() -> webhook.failedCount() == 1);
    server.verify(3, postRequestedFor(urlEqualTo("/hook")));

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    WebhookAlertListener refused = WebhookAlertListener.builder("http://127.0.0.1:" + closedPort + "/hook")
        .maxAttempts(2).backoff(Duration.ofMillis(5)).build();
    try {
      refused.onAlert(alert("b"));
      await(() -> refused.failedCount() == 1);
      assertThat(refused.deliveredCount()).isZero();
    } finally {
      refused.close();
    }
  }

  @Test
  void aStalledWebhook_neverBlocksTheApp_alertsBeyondTheQueueAreDroppedAndCounted() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
    webhook = WebhookAlertListener.builder(url()).client(impatient).maxAttempts(1).maxQueueSize(2).build();
    for (int i = 0; i < 10; i++) {
      webhook.onAlert(alert("c" + i)); // returns at once even though the webhook hangs
    }
    assertThat(webhook.droppedCount()).isBetween(7L, 8L);
    await(() -> webhook.deliveredCount() + webhook.failedCount() + webhook.droppedCount() == 10);
    assertThat(webhook.failedCount()).isEqualTo(10 - webhook.droppedCount());
  }

  @Test
  void builder_failsFast_onABadUrl() {
    assertThatThrownBy(() -> WebhookAlertListener.builder("not a url")).hasMessageContaining("not a url");
    assertThatThrownBy(() -> WebhookAlertListener.builder(url()).maxQueueSize(0)).hasMessageContaining("0");
  }
}
