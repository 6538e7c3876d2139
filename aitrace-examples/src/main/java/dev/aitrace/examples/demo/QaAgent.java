package dev.aitrace.examples.demo;

import dev.aitrace.AgentTracer;

/**
 * Reviews a deliverable and scores it: one AI call inside an {@code invoke_agent qa} span. It runs
 * behind its own HTTP endpoint ({@link QaServlet}), so the manager reaches it through the traced
 * HTTP client and the trace filter.
 */
final class QaAgent {
  static final String NAME = "qa";
  static final String PROMPT = "You are the QA reviewer (quality assurance) of a consulting agency. Review the"
      + " draft deliverable below against the client's expectations: complete structure (Summary,"
      + " Evidence, Competitors, Risks, Recommendation), sourced figures, a clear recommendation, no"
      + " filler. Answer in exactly three lines: 'SCORE: x.xx' with a quality score from 0 to 1,"
      + " 'VERDICT: ready for the client' or 'VERDICT: needs another pass', and 'NOTES:' with the main"
      + " reasons in one sentence.";

  private final AgentTracer agents;
  private final Llm llm;
  private final QualityScores scores;

  QaAgent(AgentTracer agents, Llm llm, QualityScores scores) {
    this.agents = agents;
    this.llm = llm;
    this.scores = scores;
  }

  Review review(String draft) {
    return agents.invokeAgent(NAME, () -> {
      Review review = Review.parse(llm.complete(llm.reviewRequest(PROMPT, draft, 120).build()));
      scores.record(review);
      return review;
    });
  }
}
