package dev.aitrace.examples.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of the test harness's instructions: POST {@code arguments}, as JSON, to {@code url}.
 * The harness sends a JSON array of these; a single object is read as an array of one, and absent
 * or null {@code arguments} as {@code []}, as the harness itself does.
 *
 * @param url where to send the call
 * @param argumentsJson the body to send, the {@code arguments} value re-serialized as compact JSON
 */
record CallInstruction(String url, byte[] argumentsJson) {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final byte[] EMPTY_ARRAY = {'[', ']'};

  /**
   * Reads the instructions from a request body.
   *
   * @throws IOException with a message that names the problem, never echoing the input, when the
   *     body is not JSON of the expected shape
   */
  static List<CallInstruction> parse(InputStream body) throws IOException {
    List<CallInstruction> calls = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        calls.add(readOne(parser));
      } else if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          calls.add(readOne(parser));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
          throw new IOException("expected an array of {\"url\": ..., \"arguments\": [...]} objects");
        }
      } else if (first != JsonToken.VALUE_NULL && first != null) {
        throw new IOException("expected a JSON array or object, got " + first);
      }
      if (parser.nextToken() != null) {
        throw new IOException("unexpected content after the instructions");
      }
    }
    return calls;
  }

  private static CallInstruction readOne(JsonParser parser) throws IOException {
    String url = null;
    byte[] arguments = EMPTY_ARRAY;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("url".equals(field) && value == JsonToken.VALUE_STRING) {
        url = parser.getText();
      } else if ("arguments".equals(field) && value != JsonToken.VALUE_NULL) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
          generator.copyCurrentStructure(parser);
        }
        arguments = out.toByteArray();
      } else {
        parser.skipChildren();
      }
    }
    if (url == null) {
      throw new IOException("an instruction has no \"url\" string");
    }
    return new CallInstruction(url, arguments);
  }
}
