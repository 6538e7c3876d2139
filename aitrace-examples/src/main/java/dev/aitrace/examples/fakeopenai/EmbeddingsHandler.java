package dev.aitrace.examples.fakeopenai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * {@code POST /v1/embeddings}: one unit-length vector per input, seeded by the input text so equal
 * texts get equal vectors; {@code float} or {@code base64} (little-endian float32) encoding, as the
 * client asks.
 */
final class EmbeddingsHandler implements HttpHandler {
  private final JsonFactory jsonFactory;
  private final ChatJson json;
  private final RateLimits limits;
  private final long latencyMillis;

  EmbeddingsHandler(JsonFactory jsonFactory, RateLimits limits, long latencyMillis) {
    this.jsonFactory = jsonFactory;
    this.json = new ChatJson(jsonFactory);
    this.limits = limits;
    this.latencyMillis = latencyMillis;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!Exchanges.accept(exchange, json)) {
        return;
      }
      String model = null;
      String encoding = "float";
      int dimensions = 0;
      List<String> inputs = new ArrayList<>();
      try (JsonParser p = jsonFactory.createParser(Exchanges.readBody(exchange))) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException("expected a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("model") && value == JsonToken.VALUE_STRING) {
            model = p.getText();
          } else if (field.equals("encoding_format") && value == JsonToken.VALUE_STRING) {
            encoding = p.getText();
          } else if (field.equals("dimensions") && value == JsonToken.VALUE_NUMBER_INT) {
            dimensions = p.getIntValue();
          } else if (field.equals("input") && value == JsonToken.VALUE_STRING) {
            inputs.add(p.getText());
          } else if (field.equals("input") && value == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              inputs.add(p.getText());
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
              throw new IOException("'input' must be a string or an array of strings");
            }
          } else {
            p.skipChildren();
          }
        }
        if (model == null || inputs.isEmpty()) {
          throw new IOException("'model' and 'input' are required");
        }
      } catch (IOException e) {
        Exchanges.sendJson(exchange, 400, json.error(e.getMessage(), "invalid_request_error", null));
        return;
      }
      int dims = dimensions > 0 ? Math.min(dimensions, 3072) : model.contains("large") ? 3072 : 1536;
      long tokens = 0;
      for (String input : inputs) {
        tokens += TokenCounter.tokens(input);
      }
      exchange.getResponseHeaders().set("x-request-id", Exchanges.nextId("req_", 32));
      if (limits.throttle()) {
        limits.addHeaders(exchange.getResponseHeaders(), 0);
        limits.addRetryAfter(exchange.getResponseHeaders());
        Exchanges.sendJson(exchange, 429, json.error("Rate limit reached for " + model
            + " on requests per min (RPM). Please try again shortly.", "requests", "rate_limit_exceeded"));
        return;
      }
      limits.consumed(tokens);
      limits.addHeaders(exchange.getResponseHeaders(), tokens);
      Exchanges.pause(latencyMillis);
      Exchanges.sendJson(exchange, 200, body(model, encoding.equals("base64"), dims, inputs, tokens));
    }
  }

  private byte[] body(String model, boolean base64, int dims, List<String> inputs, long tokens) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = jsonFactory.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (int i = 0; i < inputs.size(); i++) {
        float[] vector = vector(inputs.get(i), dims);
        g.writeStartObject();
        g.writeStringField("object", "embedding");
        g.writeNumberField("index", i);
        if (base64) {
          ByteBuffer bytes = ByteBuffer.allocate(4 * dims).order(ByteOrder.LITTLE_ENDIAN);
          for (float f : vector) {
            bytes.putFloat(f);
          }
          g.writeStringField("embedding", Base64.getEncoder().encodeToString(bytes.array()));
        } else {
          g.writeArrayFieldStart("embedding");
          for (float f : vector) {
            g.writeNumber(f);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", model);
      g.writeObjectFieldStart("usage");
      g.writeNumberField("prompt_tokens", tokens);
      g.writeNumberField("total_tokens", tokens);
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  static float[] vector(String text, int dims) {
    Random random = new Random(text.hashCode());
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dims; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
