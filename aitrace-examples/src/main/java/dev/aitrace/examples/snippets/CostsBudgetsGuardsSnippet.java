package dev.aitrace.examples.snippets;

import com.openai.client.OpenAIClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aitrace.AiTrace;
import dev.aitrace.alert.AlertListener;
import dev.aitrace.alert.WebhookAlertListener;
import dev.aitrace.budget.Budget;
import dev.aitrace.budget.BudgetExceededException;
import dev.aitrace.budget.BudgetScope;
import dev.aitrace.budget.BudgetWindow;
import dev.aitrace.cost.ModelPrice;
import dev.aitrace.guard.GuardAction;
import dev.aitrace.guard.LoopDetectedException;
import dev.aitrace.guard.LoopGuardConfig;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The README's "Costs, budgets and guards" snippets: prices, budgets, the loop guard, alerts and
 * metrics configured on the builder, and an AI call whose refusal the application turns into an
 * answer.
 */
public final class CostsBudgetsGuardsSnippet {
  private CostsBudgetsGuardsSnippet() {}

  /** Builds an {@code AiTrace} with prices, budgets, a loop guard, alerts and metrics. */
  public static AiTrace build(String webhookUrl, OpenTelemetry appOpenTelemetry) {
    // --- README: costs, budgets and guards ---
    return AiTrace.builder()
        .serviceName("agent-team")
        .fromEnvironment() // AITRACE_PRICES_FILE=prices.json overrides or adds prices
        .price("ft:gpt-4o-mini-2024-07-18:acme::writer", ModelPrice.of("0.30", "0.15", "1.20"))
        .budget(Budget.builder(BudgetScope.USER).limitUsd("5.00").window(BudgetWindow.DAY)
            .action(GuardAction.BLOCK).build()) // refuse a user's AI calls past $5 a day
        .budget(Budget.builder(BudgetScope.CATEGORY).only("consulting").limitUsd("2000")
            .window(BudgetWindow.MONTH).build()) // alert at 80%, 95% and 100%
        .loopGuard(LoopGuardConfig.builder().maxCallsPerTrace(50).maxAgentDepth(6)
            .maxRepeatedRequests(3).action(GuardAction.BLOCK).build())
        .addAlertListener(AlertListener.log())
        .addAlertListener(WebhookAlertListener.builder(webhookUrl).build())
        .metrics(appOpenTelemetry) // gen_ai.client.* histograms and the aitrace.cost counter
        .build();
    // --- end ---
  }

  /** Asks the model through a traced client; a guard's refusal becomes a polite answer. */
  public static String ask(OpenAIClient openai, String brief) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage(brief).build();
    // --- README: blocked calls ---
    try {
      return openai.chat().completions().create(params).choices().get(0).message().content().orElse("");
    } catch (BudgetExceededException e) { // nothing was sent, nothing was charged
      return "Your AI budget of $" + e.budget().limitUsd() + " per " + e.budget().window()
          + " is used up ($" + e.spentUsd() + " spent).";
    } catch (LoopDetectedException e) {
      return "Stopped a runaway agent chain at '" + e.agent() + "' after " + e.count() + " "
          + e.limitKind().description() + " (trace " + e.traceId() + ").";
    }
    // --- end ---
  }
}
