package dev.aitrace.export.otlp;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The OTLP/JSON field names written for every span and attribute, encoded once: a generator copies
 * their UTF-8 bytes instead of encoding the name again each time.
 */
final class OtlpFields {
  static final SerializableString KEY = new SerializedString("key");
  static final SerializableString VALUE = new SerializedString("value");
  static final SerializableString STRING_VALUE = new SerializedString("stringValue");
  static final SerializableString INT_VALUE = new SerializedString("intValue");
  static final SerializableString DOUBLE_VALUE = new SerializedString("doubleValue");
  static final SerializableString BOOL_VALUE = new SerializedString("boolValue");
  static final SerializableString TRACE_ID = new SerializedString("traceId");
  static final SerializableString SPAN_ID = new SerializedString("spanId");
  static final SerializableString PARENT_SPAN_ID = new SerializedString("parentSpanId");
  static final SerializableString FLAGS = new SerializedString("flags");
  static final SerializableString NAME = new SerializedString("name");
  static final SerializableString KIND = new SerializedString("kind");
  static final SerializableString START_TIME = new SerializedString("startTimeUnixNano");
  static final SerializableString END_TIME = new SerializedString("endTimeUnixNano");
  static final SerializableString ATTRIBUTES = new SerializedString("attributes");
  static final SerializableString STATUS = new SerializedString("status");
  static final SerializableString CODE = new SerializedString("code");
  static final SerializableString MESSAGE = new SerializedString("message");

  private OtlpFields() {}
}
