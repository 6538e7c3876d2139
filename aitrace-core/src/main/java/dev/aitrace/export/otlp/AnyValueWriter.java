package dev.aitrace.export.otlp;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes attributes as OTLP JSON {@code KeyValue} lists and 64-bit integers as decimal strings, the
 * way the OTLP/JSON mapping of protobuf asks. One instance per encoder: it reuses its digit buffer and
 * is itself the {@link BiConsumer} handed to {@link Attributes#forEach}, so writing a span's
 * attributes allocates nothing. Not thread-safe.
 */
final class AnyValueWriter implements BiConsumer<AttributeKey<?>, Object> {
  private final char[] digits = new char[20];
  private JsonGenerator gen;

  void use(JsonGenerator gen) {
    this.gen = gen;
  }

  /** Writes {@code "attributes":[...]} unless there are none. */
  void writeAttributes(Attributes attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    gen.writeFieldName(OtlpFields.ATTRIBUTES);
    gen.writeStartArray();
    try {
      attributes.forEach(this);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    gen.writeEndArray();
  }

  @Override
  public void accept(AttributeKey<?> key, Object value) {
    try {
      gen.writeStartObject();
      gen.writeFieldName(OtlpFields.KEY);
      gen.writeString(key.getKey());
      gen.writeFieldName(OtlpFields.VALUE);
      writeAttributeValue(key, value);
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAttributeValue(AttributeKey<?> key, Object value) throws IOException {
    switch (key.getType()) {
      case STRING -> writeString(value.toString());
      case BOOLEAN -> writeBool((Boolean) value);
      case LONG -> writeLong(((Number) value).longValue());
      case DOUBLE -> writeDouble(((Number) value).doubleValue());
      case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> writeArray(key, (List<?>) value);
      case VALUE -> writeValue((Value<?>) value);
      default -> writeString(String.valueOf(value));
    }
  }

  private void writeArray(AttributeKey<?> key, List<?> values) throws IOException {
    gen.writeStartObject();
    gen.writeObjectFieldStart("arrayValue");
    gen.writeArrayFieldStart("values");
    for (int i = 0, n = values.size(); i < n; i++) {
      Object element = values.get(i);
      if (element == null) {
        gen.writeStartObject();
        gen.writeEndObject();
        continue;
      }
      switch (key.getType()) {
        case BOOLEAN_ARRAY -> writeBool((Boolean) element);
        case LONG_ARRAY -> writeLong(((Number) element).longValue());
        case DOUBLE_ARRAY -> writeDouble(((Number) element).doubleValue());
        default -> writeString(element.toString());
      }
    }
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private void writeValue(Value<?> value) throws IOException {
    switch (value.getType()) {
      case STRING -> writeString((String) value.getValue());
      case BOOLEAN -> writeBool((Boolean) value.getValue());
      case LONG -> writeLong((Long) value.getValue());
      case DOUBLE -> writeDouble((Double) value.getValue());
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value.getValue()).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        gen.writeStartObject();
        gen.writeFieldName("bytesValue");
        gen.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
        gen.writeEndObject();
      }
      case ARRAY -> {
        gen.writeStartObject();
        gen.writeObjectFieldStart("arrayValue");
        gen.writeArrayFieldStart("values");
        for (Value<?> element : (List<Value<?>>) value.getValue()) {
          writeValue(element);
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeEndObject();
      }
      case KEY_VALUE_LIST -> {
        gen.writeStartObject();
        gen.writeObjectFieldStart("kvlistValue");
        gen.writeArrayFieldStart("values");
        for (KeyValue kv : (List<KeyValue>) value.getValue()) {
          gen.writeStartObject();
          gen.writeStringField("key", kv.getKey());
          gen.writeFieldName("value");
          writeValue(kv.getValue());
          gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeEndObject();
      }
      default -> {
        gen.writeStartObject(); // EMPTY: an AnyValue with no value set
        gen.writeEndObject();
      }
    }
  }

  private void writeString(String s) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(OtlpFields.STRING_VALUE);
    gen.writeString(s);
    gen.writeEndObject();
  }

  private void writeBool(boolean b) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(OtlpFields.BOOL_VALUE);
    gen.writeBoolean(b);
    gen.writeEndObject();
  }

  private void writeLong(long v) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(OtlpFields.INT_VALUE);
    writeInt64(v);
    gen.writeEndObject();
  }

  private void writeDouble(double v) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(OtlpFields.DOUBLE_VALUE);
    if (Double.isNaN(v)) {
      gen.writeString("NaN");
    } else if (Double.isInfinite(v)) {
      gen.writeString(v > 0 ? "Infinity" : "-Infinity");
    } else {
      gen.writeNumber(v);
    }
    gen.writeEndObject();
  }

  /** Writes {@code name: "v"}: protobuf's JSON mapping writes 64-bit integers as strings. */
  void writeInt64Field(com.fasterxml.jackson.core.SerializableString name, long v) throws IOException {
    gen.writeFieldName(name);
    writeInt64(v);
  }

  private void writeInt64(long v) throws IOException {
    if (v == Long.MIN_VALUE) {
      gen.writeString(Long.toString(v));
      return;
    }
    long rest = Math.abs(v);
    int pos = digits.length;
    do {
      digits[--pos] = (char) ('0' + (int) (rest % 10));
      rest /= 10;
    } while (rest != 0);
    if (v < 0) {
      digits[--pos] = '-';
    }
    gen.writeString(digits, pos, digits.length - pos);
  }
}
