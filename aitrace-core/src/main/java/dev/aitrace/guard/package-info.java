/** Checks made before an AI call leaves the process: budgets and runaway-loop guards. */
package dev.aitrace.guard;
