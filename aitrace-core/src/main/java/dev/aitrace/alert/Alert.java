package dev.aitrace.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Something about AI spending or behaviour that a person should know now. Immutable.
 *
 * @param type what it is about
 * @param condition identifies the condition, such as {@code budget:user $5/day:u-42:80%}; alerts with
 *     the same condition are sent once per cool-down
 * @param message one human-readable sentence
 * @param details the figures behind it (budget, key, spent, trace id, agent, ...), as strings
 * @param at when it fired
 */
public record Alert(AlertType type, String condition, String message, Map<String, String> details, Instant at) {
  public Alert {
    requireNonNull(type, "type");
    requireNonNull(condition, "condition");
    requireNonNull(message, "message");
    details = Map.copyOf(requireNonNull(details, "details"));
    requireNonNull(at, "at");
  }
}
