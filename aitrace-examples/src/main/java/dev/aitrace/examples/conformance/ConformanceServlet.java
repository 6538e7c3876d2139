package dev.aitrace.examples.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code POST /test}: for each instruction in the body, in order, POSTs its {@code arguments} as
 * JSON to its {@code url} through the traced OkHttp client, so that each call is a child span of the
 * request and carries the propagated headers; only then answers. The answer lists what each call
 * returned. A body that is not valid instructions gets 400 and no call is made.
 */
final class ConformanceServlet extends HttpServlet {
  static final String PATH = "/test";
  /** Instructions bigger than this are refused: the harness sends a few hundred bytes. */
  static final int MAX_BODY = 1024 * 1024;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final OkHttpClient client;

  ConformanceServlet(OkHttpClient client) {
    this.client = client;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<CallInstruction> calls;
    try (InputStream body = request.getInputStream()) {
      byte[] bytes = body.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        response.sendError(413, "instructions over " + MAX_BODY + " bytes");
        return;
      }
      calls = CallInstruction.parse(new ByteArrayInputStream(bytes));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      // the parser's own message quotes the input; say where instead
      response.sendError(400, "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
      return;
    } catch (IOException e) {
      response.sendError(400, "not valid instructions: " + e.getMessage());
      return;
    }
    response.setStatus(200);
    response.setContentType("application/json");
    try (JsonGenerator out = JSON.createGenerator(response.getOutputStream())) {
      out.writeStartArray();
      for (CallInstruction call : calls) {
        out.writeStartObject();
        out.writeStringField("url", call.url());
        send(call, out);
        out.writeEndObject();
      }
      out.writeEndArray();
    }
  }

  /** Makes one call and writes its outcome: the status, or why it failed. */
  private void send(CallInstruction call, JsonGenerator out) throws IOException {
    HttpUrl url = HttpUrl.parse(call.url());
    if (url == null) {
      out.writeStringField("error", "not an http or https URL");
      return;
    }
    Request post = new Request.Builder().url(url).post(RequestBody.create(call.argumentsJson(), JSON_TYPE)).build();
    try (Response answer = client.newCall(post).execute()) {
      out.writeNumberField("status", answer.code());
    } catch (IOException e) {
      out.writeStringField("error", e.getClass().getSimpleName());
    }
  }
}
