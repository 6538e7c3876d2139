package dev.aitrace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Who and what a piece of work is for: user, session, task, agent, tenant, budget category and free
 * tags. An attribution lives in the OpenTelemetry {@link Context}; every span started under it
 * carries its values as attributes, it crosses process boundaries as W3C {@code baggage}, and the
 * ledger slices cost by it. Immutable and thread-safe.
 *
 * <p>Making an attribution current <em>merges</em> it onto the one already current: the values it
 * sets win, the others are inherited. An agent can so add its name without losing the user.
 *
 * <pre>{@code
 * Attribution who = Attribution.builder().userId("u-42").taskId("report-7").budgetCategory("consulting").build();
 * try (Scope scope = who.makeCurrent()) {
 *   manager.handle(request); // every span in here carries aitrace.user.id=u-42, aitrace.task.id=report-7, ...
 * }
 * }</pre>
 */
public final class Attribution implements ImplicitContextKeyed {
  /** Span attribute and baggage key of the user id. */
  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("aitrace.user.id");
  /** Span attribute and baggage key of the session id. */
  public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");
  /** Span attribute and baggage key of the task id. */
  public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("aitrace.task.id");
  /** Span attribute and baggage key of the agent name (GenAI semantic conventions). */
  public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  /** Span attribute and baggage key of the tenant. */
  public static final AttributeKey<String> TENANT = AttributeKey.stringKey("aitrace.tenant.id");
  /** Span attribute and baggage key of the budget category (IT, consulting, productivity...). */
  public static final AttributeKey<String> BUDGET_CATEGORY = AttributeKey.stringKey("aitrace.budget.category");
  /** Prefix of free tags, as span attributes and baggage keys: {@code aitrace.tag.team=search}. */
  public static final String TAG_PREFIX = "aitrace.tag.";

  static final List<AttributeKey<String>> FIELDS =
      List.of(USER_ID, SESSION_ID, TASK_ID, AGENT_NAME, TENANT, BUDGET_CATEGORY);

  private static final ContextKey<Attribution> KEY = ContextKey.named("aitrace-attribution");
  private static final Attribution EMPTY = new Attribution(new String[FIELDS.size()], Map.of());

  private final String[] values; // indexed like FIELDS; null when unset
  private final Map<String, String> tags;
  private final Object[] keyValues; // precomputed attribute pairs, copied onto each span
  private final int size;

  private Attribution(String[] values, Map<String, String> tags) {
    this.values = values;
    this.tags = tags;
    List<Object> kv = new ArrayList<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      if (values[i] != null) {
        kv.add(FIELDS.get(i));
        kv.add(values[i]);
      }
    }
    tags.forEach(
        (k, v) -> {
          kv.add(AttributeKey.stringKey(TAG_PREFIX + k));
          kv.add(v);
        });
    this.keyValues = kv.toArray();
    this.size = kv.size() / 2;
  }

  /** The attribution with nothing set. */
  public static Attribution empty() {
    return EMPTY;
  }

  /** The attribution of the current context, or {@link #empty()}. */
  public static Attribution current() {
    return fromContext(Context.current());
  }

  /** The attribution stored in {@code context}, or {@link #empty()}. */
  public static Attribution fromContext(Context context) {
    Attribution a = context == null ? null : context.get(KEY);
    return a == null ? EMPTY : a;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(values, 0, b.values, 0, values.length);
    b.tags.putAll(tags);
    return b;
  }

  public Optional<String> userId() {
    return Optional.ofNullable(values[0]);
  }

  public Optional<String> sessionId() {
    return Optional.ofNullable(values[1]);
  }

  public Optional<String> taskId() {
    return Optional.ofNullable(values[2]);
  }

  public Optional<String> agentName() {
    return Optional.ofNullable(values[3]);
  }

  public Optional<String> tenant() {
    return Optional.ofNullable(values[4]);
  }

  public Optional<String> budgetCategory() {
    return Optional.ofNullable(values[5]);
  }

  /** Free tags, without the {@link #TAG_PREFIX}. */
  public Map<String, String> tags() {
    return tags;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** This attribution's values over {@code parent}'s: what this sets wins, the rest is inherited. */
  public Attribution mergedOnto(Attribution parent) {
    if (parent.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return parent;
    }
    Builder b = parent.toBuilder();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        b.values[i] = values[i];
      }
    }
    b.tags.putAll(tags);
    return b.build();
  }

  /** Stores this attribution, merged onto the one already in {@code context}. */
  @Override
  public Context storeInContext(Context context) {
    return context.with(KEY, mergedOnto(fromContext(context)));
  }

  /** Makes this attribution current (merged onto the current one) until the scope closes. */
  @Override
  public Scope makeCurrent() {
    return ImplicitContextKeyed.super.makeCurrent();
  }

  /** Calls {@code consumer} with each attribute this attribution puts on spans. */
  public void forEachAttribute(BiConsumer<AttributeKey<String>, String> consumer) {
    for (int i = 0; i < size; i++) {
      @SuppressWarnings("unchecked")
      AttributeKey<String> key = (AttributeKey<String>) keyValues[2 * i];
      consumer.accept(key, (String) keyValues[2 * i + 1]);
    }
  }

  /** How many attributes this attribution puts on each span. */
  public int attributeCount() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attribution
        && java.util.Arrays.equals(values, ((Attribution) o).values)
        && tags.equals(((Attribution) o).tags);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(values) + tags.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Attribution{");
    forEachAttribute((k, v) -> sb.append(k.getKey()).append('=').append(v).append(", "));
    if (size > 0) {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }

  /** Builds an {@link Attribution}. Null or blank values leave a field unset. Not thread-safe. */
  public static final class Builder {
    private final String[] values = new String[FIELDS.size()];
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    public Builder userId(String userId) {
      return set(0, userId);
    }

    public Builder sessionId(String sessionId) {
      return set(1, sessionId);
    }

    public Builder taskId(String taskId) {
      return set(2, taskId);
    }

    public Builder agentName(String agentName) {
      return set(3, agentName);
    }

    public Builder tenant(String tenant) {
      return set(4, tenant);
    }

    public Builder budgetCategory(String budgetCategory) {
      return set(5, budgetCategory);
    }

    /** Adds a free tag; a null or blank key or value is ignored. */
    public Builder tag(String key, String value) {
      if (key != null && !key.isBlank() && value != null && !value.isBlank()) {
        tags.put(key, value);
      }
      return this;
    }

    /** Sets the field whose span attribute key is {@code key}; returns false if none has it. */
    public boolean set(String key, String value) {
      if (key == null) {
        return false;
      }
      for (int i = 0; i < FIELDS.size(); i++) {
        if (FIELDS.get(i).getKey().equals(key)) {
          set(i, value);
          return true;
        }
      }
      if (key.startsWith(TAG_PREFIX)) {
        tag(key.substring(TAG_PREFIX.length()), value);
        return true;
      }
      return false;
    }

    private Builder set(int index, String value) {
      values[index] = value == null || value.isBlank() ? null : value;
      return this;
    }

    public Attribution build() {
      boolean empty = tags.isEmpty();
      for (String v : values) {
        empty &= v == null;
      }
      return empty ? EMPTY : new Attribution(values.clone(), Collections.unmodifiableMap(new LinkedHashMap<>(tags)));
    }
  }
}
