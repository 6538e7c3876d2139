/**
 * Checks made before an AI call leaves the process: the {@link dev.aitrace.guard.CallGuard} hook, the
 * runaway-loop {@link dev.aitrace.guard.LoopGuard} and the exceptions a blocking guard throws. Budgets
 * live in {@code dev.aitrace.budget}.
 */
package dev.aitrace.guard;
