package dev.aitrace.ledger;

/**
 * One user, task, agent, model, category or tenant in a {@link LedgerSnapshot}: its figures over the
 * rolling windows and since the ledger started. Rolling windows are bucketed, so each covers its
 * length minus at most one bucket (10 s for the minute, 5 min for the hour, 1 h for the day).
 *
 * @param key the user id, model name, ...; {@link CostLedger#UNATTRIBUTED} for calls that name none,
 *     {@link CostLedger#OTHER} for calls beyond the key cap
 */
public record SliceSnapshot(String key, Figures lastMinute, Figures lastHour, Figures lastDay, Figures total) {}
