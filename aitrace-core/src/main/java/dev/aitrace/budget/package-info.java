/**
 * Spending limits per trace, user, task and budget category, over a request, hour, day or month:
 * alerts at thresholds, and optionally refusing AI calls once a limit is reached.
 */
package dev.aitrace.budget;
