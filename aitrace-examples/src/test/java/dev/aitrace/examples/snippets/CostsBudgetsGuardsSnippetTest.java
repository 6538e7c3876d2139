package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.examples.fakeopenai.FakeOpenAiServer;
import dev.aitrace.ledger.Dimension;
import dev.aitrace.openai.TracedOpenAI;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The README's economics snippets against the real openai-java client and the fake OpenAI server:
 * the loop guard stops a repeated request, the ledger prices every call, scores and value land in it.
 */
class CostsBudgetsGuardsSnippetTest {
  @Test
  void loopGuardStopsTheRepeatedRequest_andTheLedgerReportsCostQualityAndRoi() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // the webhook is down: alerts are counted, the app carries on
    }
    try (FakeOpenAiServer fake = FakeOpenAiServer.builder().build().start();
        AiTrace aiTrace = CostsBudgetsGuardsSnippet.build("http://127.0.0.1:" + closedPort + "/hook", OpenTelemetry.noop())) {
      OpenAIClient openai = TracedOpenAI.wrap(
          OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-fake").build(), aiTrace);
      Span request = aiTrace.tracer().spanBuilder("POST /briefs").startSpan();
      String[] answers = new String[4];
      try (Scope ignored = request.makeCurrent();
          Scope who = Attribution.builder().userId("u-1").taskId("acme-analysis").budgetCategory("consulting")
              .build().makeCurrent()) {
        aiTrace.agents().invokeAgent("writer", () -> {
          for (int i = 0; i < 4; i++) {
            answers[i] = CostsBudgetsGuardsSnippet.ask(openai, "Write a market analysis for ACME.");
          }
        });
      } finally {
        request.end();
      }
      assertThat(answers[0]).isNotBlank().doesNotContain("Stopped");
      assertThat(answers[3]).contains("Stopped a runaway agent chain at 'writer' after 4 identical requests",
          request.getSpanContext().getTraceId());

      String report = LedgerSnippet.report(aiTrace, request.getSpanContext().getTraceId(), "acme-analysis");
      var consulting = aiTrace.ledger().snapshot().slice(Dimension.CATEGORY, "consulting").orElseThrow().total();
      assertThat(consulting.calls()).isEqualTo(4);
      assertThat(consulting.blocked()).isEqualTo(1);
      assertThat(consulting.costUsd()).isPositive();
      assertThat(report).contains("user u-1: $" + consulting.costUsd().toPlainString() + " today, 4 calls")
          .contains("agent writer: $").contains("quality 0.90")
          .contains("category consulting: cost $" + consulting.costUsd().toPlainString() + ", value $1200.00, ROI ");
    }
  }
}
