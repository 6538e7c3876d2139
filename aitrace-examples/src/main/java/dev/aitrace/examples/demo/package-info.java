/**
 * The agent-team demo: an agency of AI agents (manager, recruiter, content specialist with a search
 * tool, QA agent behind its own HTTP endpoint) traced end to end with aitrace, printed as terminal
 * waterfalls with the cost per agent, user and budget category from the ledger. Entry point: {@link
 * dev.aitrace.examples.demo.AgentTeamDemo}.
 */
package dev.aitrace.examples.demo;
