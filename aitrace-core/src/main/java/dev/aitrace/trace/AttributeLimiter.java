package dev.aitrace.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.util.ArrayList;
import java.util.List;

/** Applies the value-length limit to attribute values; counts what it cuts. */
final class AttributeLimiter {
  private AttributeLimiter() {}

  /** Returns {@code value}, or a copy cut to {@code maxLength} characters where it is longer. */
  @SuppressWarnings("unchecked")
  static Object limit(AttributeKey<?> key, Object value, int maxLength, TracerState state) {
    AttributeType type = key.getType();
    if (type == AttributeType.STRING) {
      String s = (String) value;
      if (s.length() > maxLength) {
        state.truncatedValues.increment();
        return s.substring(0, maxLength);
      }
      return s;
    }
    if (type == AttributeType.STRING_ARRAY) {
      List<String> list = (List<String>) value;
      List<String> cut = null;
      for (int i = 0; i < list.size(); i++) {
        String s = list.get(i);
        if (s != null && s.length() > maxLength) {
          if (cut == null) {
            cut = new ArrayList<>(list);
          }
          cut.set(i, s.substring(0, maxLength));
          state.truncatedValues.increment();
        }
      }
      return cut == null ? list : List.copyOf(cut);
    }
    return value;
  }
}
