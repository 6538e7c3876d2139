package dev.aitrace.examples.demo;

import dev.aitrace.AgentTracer;

/** Proposes the team for a brief: one AI call inside an {@code invoke_agent recruiter} span. */
final class Recruiter {
  static final String NAME = "recruiter";
  static final String PROMPT = "You are the Recruiter of a consulting agency that staffs AI agents on client"
      + " work. Given a client brief, propose the smallest team that can deliver it: one line per role,"
      + " numbered, each with the role and what it owns. Always include a Content specialist who writes"
      + " the deliverable and a QA reviewer who scores it. Prefer specialists who delivered similar work"
      + " before. End with one line estimating the effort in agent-hours. No preamble, no closing remarks.";

  private final AgentTracer agents;
  private final Llm llm;

  Recruiter(AgentTracer agents, Llm llm) {
    this.agents = agents;
    this.llm = llm;
  }

  String propose(String brief) {
    return agents.invokeAgent(NAME, () -> llm.complete(llm.request(PROMPT, brief, 200).build()));
  }
}
