package dev.aitrace.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an AI call cost in US dollars, or that its cost is unknown because the model has no price.
 * An unknown cost is never reported as zero. Immutable.
 */
public final class CostEstimate {
  private final String model;
  private final BigDecimal usd;

  private CostEstimate(String model, BigDecimal usd) {
    this.model = requireNonNull(model, "model");
    this.usd = usd;
  }

  public static CostEstimate known(String model, BigDecimal usd) {
    return new CostEstimate(model, requireNonNull(usd, "usd"));
  }

  public static CostEstimate unknown(String model) {
    return new CostEstimate(model, null);
  }

  public String model() {
    return model;
  }

  public boolean known() {
    return usd != null;
  }

  /** The cost, exact; empty when unknown. */
  public Optional<BigDecimal> usd() {
    return Optional.ofNullable(usd);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostEstimate
        && model.equals(((CostEstimate) o).model)
        && (usd == null ? ((CostEstimate) o).usd == null : ((CostEstimate) o).usd != null
            && usd.compareTo(((CostEstimate) o).usd) == 0);
  }

  @Override
  public int hashCode() {
    return model.hashCode() * 31 + (usd == null ? 0 : usd.stripTrailingZeros().hashCode());
  }

  @Override
  public String toString() {
    return known() ? model + ": $" + usd.toPlainString() : model + ": unknown cost";
  }
}
