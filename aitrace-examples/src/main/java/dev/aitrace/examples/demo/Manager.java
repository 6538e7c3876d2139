package dev.aitrace.examples.demo;

import dev.aitrace.AgentTracer;
import java.util.Locale;

/**
 * Coordinates the team for one brief inside an {@code invoke_agent manager} span: asks the model for
 * a plan, then has the recruiter propose a team, the content specialist write, and the QA agent
 * (over HTTP) review. When the model answers {@code DELEGATE: ...} the manager hands the sub-brief
 * to a sub-manager, which is how a brief with unusually complex requirements turns into a runaway
 * chain of managers; the loop guard stops it.
 */
final class Manager {
  static final String NAME = "manager";
  /** A last-resort bound on delegation, far above what the loop guard allows. */
  static final int MAX_LEVELS = 12;
  static final String PROMPT = "You are the Manager of a consulting agency run by AI agents. You receive a"
      + " client brief and decide how to handle it. Normally answer with 'PLAN:' and three numbered steps:"
      + " recruit a team, research and write the deliverable, quality review. If the brief has unusually"
      + " complex requirements that one team cannot cover, answer instead with 'DELEGATE:' followed by the"
      + " part of the brief a sub-manager should take over, restating those requirements in full.";

  private final AgentTracer agents;
  private final Llm llm;
  private final Recruiter recruiter;
  private final ContentSpecialist writer;
  private final QaClient qa;

  Manager(AgentTracer agents, Llm llm, Recruiter recruiter, ContentSpecialist writer, QaClient qa) {
    this.agents = agents;
    this.llm = llm;
    this.recruiter = recruiter;
    this.writer = writer;
    this.qa = qa;
  }

  Deliverable handle(String brief) {
    return handle(brief, 1);
  }

  private Deliverable handle(String brief, int level) {
    return agents.invokeAgent(NAME, () -> {
      String plan = llm.complete(llm.request(PROMPT, brief, 150).build());
      if (plan.strip().toUpperCase(Locale.ROOT).startsWith("DELEGATE:")) {
        if (level >= MAX_LEVELS) {
          // the loop guard should have stopped this long ago; never recurse without a bound
          throw new IllegalStateException("delegation deeper than " + MAX_LEVELS + " managers");
        }
        return handle(plan.strip().substring("DELEGATE:".length()).strip(), level + 1);
      }
      String team = recruiter.propose(brief);
      String text = writer.write(brief, team);
      return new Deliverable(team, text, qa.review(text));
    });
  }
}
