/**
 * The cost ledger: every AI call priced exactly and added up per user, task, agent, model, budget
 * category and tenant, over rolling windows and in total, with bounded memory.
 */
package dev.aitrace.ledger;
