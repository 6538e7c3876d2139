package dev.aitrace.examples.demo;

import java.util.List;

/**
 * A client's brief and who pays for it.
 *
 * @param user the client user
 * @param budgetCategory the budget the work is charged to
 * @param brief what the client asks for
 */
record ClientRequest(String user, String budgetCategory, String brief) {
  /** The demo's script: several users and budgets, and one brief that sends the managers into a loop. */
  static final List<ClientRequest> SCRIPT = List.of(
      new ClientRequest("alice", "consulting", "Write a market analysis for ACME."),
      new ClientRequest("bob", "it", "Draft a migration plan for the billing database to PostgreSQL."),
      new ClientRequest("carol", "productivity", "Summarize this quarter's customer feedback into five themes."),
      new ClientRequest("alice", "consulting", "Write a competitor overview for ACME's industrial IoT line."),
      new ClientRequest("dave", "consulting", "Plan a global product launch with unusually complex requirements:"
          + " 14 regulators, 9 languages, 3 pricing models and a partner channel."));

  /** True for the script's runaway brief. */
  boolean isRunaway() {
    return brief.contains("unusually complex requirements");
  }
}
