package dev.aitrace.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A read-only {@link Attributes} view over an array of alternating keys and values. A span fills
 * the array while it is live and hands it over without copying when it ends, which saves the copy
 * the OpenTelemetry SDK makes for every span.
 */
final class FlatAttributes implements Attributes {
  static final Object[] EMPTY_ARRAY = new Object[0];

  private final Object[] keyValues;
  private final int size;

  /** {@code keyValues} holds {@code size} pairs and must not change after this call. */
  FlatAttributes(Object[] keyValues, int size) {
    this.keyValues = keyValues;
    this.size = size;
  }

  /**
   * Whether {@code candidate} is {@code key}. Compares the hash codes first, which attribute keys
   * cache, so a miss (the common case when scanning a span's attributes) costs no string compare.
   */
  static boolean sameKey(AttributeKey<?> key, Object candidate) {
    return key == candidate || (candidate != null && key.hashCode() == candidate.hashCode() && key.equals(candidate));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(AttributeKey<T> key) {
    if (key == null) {
      return null;
    }
    for (int i = 0; i < size; i++) {
      if (sameKey(key, keyValues[2 * i])) {
        return (T) keyValues[2 * i + 1];
      }
    }
    return null;
  }

  @Override
  public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
    for (int i = 0; i < size; i++) {
      consumer.accept((AttributeKey<?>) keyValues[2 * i], keyValues[2 * i + 1]);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Map<AttributeKey<?>, Object> asMap() {
    Map<AttributeKey<?>, Object> map = new LinkedHashMap<>(size * 2);
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public AttributesBuilder toBuilder() {
    AttributesBuilder builder = Attributes.builder();
    forEach((k, v) -> builder.put((AttributeKey) k, v));
    return builder;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes && asMap().equals(((Attributes) o).asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
