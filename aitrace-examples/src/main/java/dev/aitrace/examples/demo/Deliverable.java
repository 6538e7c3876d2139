package dev.aitrace.examples.demo;

/**
 * What the manager hands back for a brief.
 *
 * @param team the recruiter's proposal
 * @param text the content specialist's deliverable
 * @param review the QA agent's verdict
 */
record Deliverable(String team, String text, Review review) {}
