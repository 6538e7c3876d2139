package dev.aitrace.budget;

import static java.util.Objects.requireNonNull;

import dev.aitrace.guard.GuardAction;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A spending limit in US dollars for each trace, user, task or budget category over a window. With
 * {@link GuardAction#ALERT} it raises an alert as spending crosses each threshold (default 80%, 95%
 * and 100%); with {@link GuardAction#BLOCK} it also refuses AI calls once the limit is reached, with a
 * {@link BudgetExceededException}. Immutable.
 *
 * <pre>{@code
 * Budget perUser = Budget.builder(BudgetScope.USER).limitUsd("5.00").window(BudgetWindow.DAY)
 *     .action(GuardAction.BLOCK).build();
 * Budget consulting = Budget.builder(BudgetScope.CATEGORY).only("consulting").limitUsd("2000")
 *     .window(BudgetWindow.MONTH).build(); // alerts at 80%, 95%, 100%
 * }</pre>
 */
public final class Budget {
  private final String name;
  private final BudgetScope scope;
  private final String only;
  private final BigDecimal limitUsd;
  private final BudgetWindow window;
  private final GuardAction action;
  private final List<BigDecimal> thresholds;
  private final ZoneId zone;

  private Budget(Builder b) {
    this.scope = b.scope;
    this.only = b.only;
    this.limitUsd = b.limitUsd;
    this.window = b.window;
    this.action = b.action;
    this.thresholds = List.copyOf(b.thresholds);
    this.zone = b.zone;
    this.name = b.name != null ? b.name
        : scope.name().toLowerCase(java.util.Locale.ROOT) + (only == null ? "" : ":" + only)
            + " $" + limitUsd.toPlainString() + "/" + window.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A budget for each key of {@code scope}; set at least {@link Builder#limitUsd}. */
  public static Builder builder(BudgetScope scope) {
    return new Builder(requireNonNull(scope, "scope"));
  }

  /** The name alerts and exceptions use; by default like {@code user $5.00/day}. */
  public String name() {
    return name;
  }

  public BudgetScope scope() {
    return scope;
  }

  /** The one user, task, category or trace this budget is for; empty when it applies to each. */
  public Optional<String> only() {
    return Optional.ofNullable(only);
  }

  public BigDecimal limitUsd() {
    return limitUsd;
  }

  public BudgetWindow window() {
    return window;
  }

  public GuardAction action() {
    return action;
  }

  /** Fractions of the limit at which an alert fires, ascending; 1 is the limit itself. */
  public List<BigDecimal> thresholds() {
    return thresholds;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether this budget charges {@code key} (a user id, task id, category or trace id). */
  boolean applies(String key) {
    return only == null || only.equals(key);
  }

  @Override
  public String toString() {
    return "Budget{" + name + ", " + action + "}";
  }

  /** Builds a {@link Budget}. Not thread-safe. */
  public static final class Builder {
    private final BudgetScope scope;
    private String name;
    private String only;
    private BigDecimal limitUsd;
    private BudgetWindow window = BudgetWindow.DAY;
    private GuardAction action = GuardAction.ALERT;
    private List<BigDecimal> thresholds = List.of(new BigDecimal("0.80"), new BigDecimal("0.95"), BigDecimal.ONE);
    private ZoneId zone = ZoneOffset.UTC;

    private Builder(BudgetScope scope) {
      this.scope = scope;
    }

    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /** Limits only this user, task, category or trace, instead of each one. */
    public Builder only(String key) {
      requireNonNull(key, "key");
      if (key.isBlank()) {
        throw new IllegalArgumentException("only must not be blank");
      }
      this.only = key;
      return this;
    }

    /** The limit in US dollars, as a decimal string such as {@code "5.00"}. Required. */
    public Builder limitUsd(String limitUsd) {
      requireNonNull(limitUsd, "limitUsd");
      try {
        return limitUsd(new BigDecimal(limitUsd.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("limitUsd must be a decimal number, was '" + limitUsd + "'");
      }
    }

    public Builder limitUsd(BigDecimal limitUsd) {
      requireNonNull(limitUsd, "limitUsd");
      if (limitUsd.signum() <= 0) {
        throw new IllegalArgumentException("limitUsd must be positive, was " + limitUsd.toPlainString());
      }
      this.limitUsd = limitUsd;
      return this;
    }

    /** Default {@link BudgetWindow#DAY}. */
    public Builder window(BudgetWindow window) {
      this.window = requireNonNull(window, "window");
      return this;
    }

    /** Default {@link GuardAction#ALERT}. */
    public Builder action(GuardAction action) {
      this.action = requireNonNull(action, "action");
      return this;
    }

    /** Alert thresholds as fractions of the limit in (0, 1]; default 0.80, 0.95, 1.0. */
    public Builder thresholds(double... fractions) {
      requireNonNull(fractions, "fractions");
      List<BigDecimal> list = new ArrayList<>();
      for (double f : fractions) {
        if (!(f > 0 && f <= 1)) {
          throw new IllegalArgumentException("thresholds must be in (0, 1], was " + f);
        }
        list.add(BigDecimal.valueOf(f));
      }
      list.sort(null);
      this.thresholds = list;
      return this;
    }

    /** The time zone of calendar windows; default UTC. */
    public Builder zone(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone");
      return this;
    }

    public Budget build() {
      if (limitUsd == null) {
        throw new IllegalArgumentException("limitUsd is required for a " + scope + " budget");
      }
      return new Budget(this);
    }
  }
}
