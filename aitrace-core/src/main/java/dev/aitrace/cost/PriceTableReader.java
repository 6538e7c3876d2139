package dev.aitrace.cost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a price file with Jackson's streaming parser. The format, prices per 1M tokens in USD:
 *
 * <pre>{@code
 * { "as_of": "2025-11-20",
 *   "models": { "gpt-4o": { "input": 2.50, "cached_input": 1.25, "output": 10.00 },
 *               "my-model": { "input": "0.30", "output": "1.20", "reasoning": "2.40" } } }
 * }</pre>
 *
 * <p>{@code input} and {@code output} are required; {@code cached_input} defaults to {@code input}
 * and {@code reasoning} to {@code output}. Unknown top-level keys are skipped; an unknown field inside
 * a model entry is an error, since a misspelt price must not be silently ignored.
 */
final class PriceTableReader {
  private static final JsonFactory JSON = new JsonFactory();

  private PriceTableReader() {}

  /** What a file holds: its date (may be null) and its prices by model name, in file order. */
  record Contents(LocalDate asOf, Map<String, ModelPrice> prices) {}

  static Contents read(InputStream in, String source) {
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail(source, "the top level must be a JSON object");
      }
      LocalDate asOf = null;
      Map<String, ModelPrice> prices = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (key.equals("as_of")) {
          asOf = date(source, p, value);
        } else if (key.equals("models")) {
          prices = models(source, p, value);
        } else {
          p.skipChildren();
        }
      }
      if (prices == null) {
        throw fail(source, "missing \"models\" object");
      }
      return new Contents(asOf, prices);
    } catch (JsonParseException e) {
      throw fail(source, "not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
    } catch (IOException e) {
      throw new IllegalArgumentException("price file " + source + ": cannot be read: " + e, e);
    }
  }

  private static LocalDate date(String source, JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw fail(source, "\"as_of\" must be a date string like \"2025-11-20\"");
    }
    try {
      return LocalDate.parse(p.getText());
    } catch (DateTimeParseException e) {
      throw fail(source, "\"as_of\" must be a date like \"2025-11-20\", was '" + p.getText() + "'");
    }
  }

  private static Map<String, ModelPrice> models(String source, JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw fail(source, "\"models\" must be an object of model name to prices");
    }
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String model = p.currentName();
      if (model.isBlank()) {
        throw fail(source, "a model name is blank");
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail(source, "model '" + model + "' must be an object with input and output prices");
      }
      prices.put(model, entry(source, model, p));
    }
    return prices;
  }

  private static ModelPrice entry(String source, String model, JsonParser p) throws IOException {
    BigDecimal input = null;
    BigDecimal cached = null;
    BigDecimal output = null;
    BigDecimal reasoning = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      switch (field) {
        case "input" -> input = number(source, model, field, p, token);
        case "cached_input" -> cached = number(source, model, field, p, token);
        case "output" -> output = number(source, model, field, p, token);
        case "reasoning" -> reasoning = number(source, model, field, p, token);
        default -> throw fail(source, "model '" + model + "' field '" + field
            + "': unknown field (expected input, cached_input, output, reasoning)");
      }
    }
    if (input == null) {
      throw fail(source, "model '" + model + "' field 'input': missing");
    }
    if (output == null) {
      throw fail(source, "model '" + model + "' field 'output': missing");
    }
    return new ModelPrice(input, cached == null ? input : cached, output, reasoning == null ? output : reasoning);
  }

  private static BigDecimal number(String source, String model, String field, JsonParser p, JsonToken token)
      throws IOException {
    String where = "model '" + model + "' field '" + field + "': ";
    BigDecimal value;
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      value = p.getDecimalValue();
    } else if (token == JsonToken.VALUE_STRING) {
      try {
        value = new BigDecimal(p.getText().trim());
      } catch (NumberFormatException e) {
        throw fail(source, where + "must be a number of USD per 1M tokens, was '" + p.getText() + "'");
      }
    } else {
      p.skipChildren();
      throw fail(source, where + "must be a number of USD per 1M tokens, was " + token);
    }
    if (value.signum() < 0) {
      throw fail(source, where + "must not be negative, was " + value.toPlainString());
    }
    return value;
  }

  private static IllegalArgumentException fail(String source, String message) {
    return new IllegalArgumentException("price file " + source + ": " + message);
  }
}
