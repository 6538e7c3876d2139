/**
 * Alerts on budgets, runaway loops and anomalies (cost rate, error rate, latency), deduplicated per
 * condition and delivered to listeners: log, webhook, in memory.
 */
package dev.aitrace.alert;
