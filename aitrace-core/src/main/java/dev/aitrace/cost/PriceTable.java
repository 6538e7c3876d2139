package dev.aitrace.cost;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SelfLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices per model, and the {@link CostCalculator} every {@link dev.aitrace.AiTrace} uses unless told
 * otherwise. {@link #bundled()} holds OpenAI's public list prices as of {@link #asOf()}; applications
 * override or add prices from code or from a file in the same format (see {@code AITRACE_PRICES_FILE}).
 * Immutable and thread-safe.
 *
 * <p>Model names resolve the way OpenAI names snapshots: an exact entry wins (so a snapshot priced
 * apart, like {@code gpt-4o-2024-05-13}, keeps its own price); otherwise a dated snapshot
 * ({@code gpt-4o-2024-08-06}, {@code o3-mini-2025-01-31}, {@code gpt-4-0613}) resolves to its family
 * ({@code gpt-4o}, {@code o3-mini}, {@code gpt-4}). Nothing else is guessed: {@code gpt-4o-mini} is
 * never priced as {@code gpt-4o}, and a model with no entry has an <em>unknown</em> cost, warned about
 * once per model, never a silent $0.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.bundled().toBuilder()
 *     .price("my-finetune", ModelPrice.of("3.00", "1.50", "12.00"))
 *     .load(Path.of("negotiated-prices.json"))
 *     .build();
 * CostEstimate cost = prices.cost("gpt-4o-2024-08-06", new TokenUsage(1_000, 400, 200, 0)); // $0.004
 * }</pre>
 */
public final class PriceTable implements CostCalculator {
  /** Classpath location of the bundled OpenAI prices. */
  public static final String BUNDLED_RESOURCE = "dev/aitrace/cost/openai-prices.json";

  private static final Pattern SNAPSHOT = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{4})$");
  private static volatile PriceTable bundled;

  /** Distinct model names whose resolution is remembered; names beyond are resolved every time. */
  private static final int MAX_RESOLVED = 1_000;
  /** Marks a remembered name without a price (the map holds no nulls). */
  private static final ModelPrice NO_PRICE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  private final LocalDate asOf;
  private final Map<String, ModelPrice> prices;
  /** Model name to price after snapshot resolution: every call is priced, by few distinct names. */
  private final ConcurrentHashMap<String, ModelPrice> resolved = new ConcurrentHashMap<>();
  /** The last cost computed: a call is priced once for its span and again by the ledger. */
  private volatile Priced last;

  /** One computed cost and what it was computed from. */
  private record Priced(String model, TokenUsage usage, CostEstimate cost) {}

  private PriceTable(LocalDate asOf, Map<String, ModelPrice> prices) {
    this.asOf = asOf;
    this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  /** The bundled OpenAI list prices. */
  public static PriceTable bundled() {
    PriceTable table = bundled;
    if (table == null) {
      try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("aitrace price table missing from the classpath: " + BUNDLED_RESOURCE);
        }
        PriceTableReader.Contents contents = PriceTableReader.read(in, BUNDLED_RESOURCE);
        table = bundled = new PriceTable(contents.asOf(), contents.prices());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return table;
  }

  /** A table with no prices, to fill from code or files. */
  public static Builder builder() {
    return new Builder(null, Map.of());
  }

  /** A builder starting from this table's prices and date. */
  public Builder toBuilder() {
    return new Builder(asOf, prices);
  }

  /** The date the prices were taken, when known. */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Every entry by model name, as listed (not resolved). */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  /** The price of {@code model} after snapshot resolution; empty when the model has no price. */
  public Optional<ModelPrice> price(String model) {
    return Optional.ofNullable(resolve(model));
  }

  /** The name of the entry that prices {@code model}: itself, its family, or empty. */
  public Optional<String> resolvedName(String model) {
    if (model == null) {
      return Optional.empty();
    }
    if (prices.containsKey(model)) {
      return Optional.of(model);
    }
    Matcher m = SNAPSHOT.matcher(model);
    return m.matches() && prices.containsKey(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
  }

  private ModelPrice resolve(String model) {
    if (model == null) {
      return null;
    }
    ModelPrice known = resolved.get(model);
    if (known != null) {
      return known == NO_PRICE ? null : known;
    }
    ModelPrice price = resolvedName(model).map(prices::get).orElse(null);
    if (resolved.size() < MAX_RESOLVED) {
      resolved.put(model, price == null ? NO_PRICE : price);
    }
    return price;
  }

  /** The exact cost of {@code usage} on {@code model}, or an unknown cost if it has no price. */
  @Override
  public CostEstimate cost(String model, TokenUsage usage) {
    String name = model == null ? "" : model;
    Priced previous = last;
    if (previous != null && previous.model.equals(name) && previous.usage.equals(usage)) {
      return previous.cost; // immutable, and the same inputs always cost the same
    }
    ModelPrice price = resolve(name);
    if (price == null) {
      SelfLog.warnOnce("aitrace.price.unknown:" + name,
          "aitrace: no price for model '{}': its calls are recorded with aitrace.cost.known=false. "
              + "Add one with AiTraceBuilder.price(...) or AITRACE_PRICES_FILE.", name);
      return CostEstimate.unknown(name);
    }
    CostEstimate cost = CostEstimate.known(name, price.cost(requireNonNull(usage, "usage")));
    last = new Priced(name, usage, cost);
    return cost;
  }

  @Override
  public String toString() {
    return "PriceTable{" + prices.size() + " models, as of " + (asOf == null ? "unknown" : asOf) + "}";
  }

  /** Builds a {@link PriceTable}; later entries replace earlier ones of the same model. Not thread-safe. */
  public static final class Builder {
    private LocalDate asOf;
    private final Map<String, ModelPrice> prices;

    private Builder(LocalDate asOf, Map<String, ModelPrice> prices) {
      this.asOf = asOf;
      this.prices = new LinkedHashMap<>(prices);
    }

    /** Adds or replaces the price of {@code model} (an exact name or a family). */
    public Builder price(String model, ModelPrice price) {
      requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      prices.put(model, requireNonNull(price, "price"));
      return this;
    }

    /** Adds or replaces every price in {@code table}. */
    public Builder putAll(PriceTable table) {
      prices.putAll(table.prices);
      return this;
    }

    /**
     * Adds or replaces the prices in the JSON file at {@code path} (format: see the bundled {@value
     * #BUNDLED_RESOURCE}); its {@code as_of} date, if any, becomes the table's.
     *
     * @throws IllegalArgumentException naming the file, the model and the field when the file is bad
     */
    public Builder load(Path path) {
      requireNonNull(path, "path");
      try (InputStream in = Files.newInputStream(path)) {
        return load(in, path.toString());
      } catch (IOException e) {
        throw new IllegalArgumentException("price file " + path + ": cannot be read: " + e, e);
      }
    }

    /** Like {@link #load(Path)}, from a stream; {@code source} names it in error messages. */
    public Builder load(InputStream in, String source) {
      PriceTableReader.Contents contents = PriceTableReader.read(requireNonNull(in, "in"), source);
      prices.putAll(contents.prices());
      if (contents.asOf() != null) {
        asOf = contents.asOf();
      }
      return this;
    }

    public Builder asOf(LocalDate asOf) {
      this.asOf = requireNonNull(asOf, "asOf");
      return this;
    }

    public PriceTable build() {
      return new PriceTable(asOf, prices);
    }
  }
}
