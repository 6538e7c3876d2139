package dev.aitrace.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Served mode answers a plain HTTP client (no trace headers) with X-Trace-ID and prints that trace. */
class ServedModeTest {
  @Test
  void ownRequest_getsAnXTraceId_andItsTraceIsPrinted_whileBackgroundTrafficRuns() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    DemoSettings settings = new DemoSettings(null, null, "gpt-4o-mini", "text-embedding-3-small", true, "127.0.0.1",
        0, true, Duration.ofMillis(500));
    OkHttpClient plain = new OkHttpClient();
    try (ServedMode served = ServedMode.start(settings, out)) {
      Request request = new Request.Builder().url(served.agencyUrl() + "?user=me&category=it")
          .post(RequestBody.create("Write a pricing study for Globex", MediaType.get("text/plain"))).build();
      String traceId;
      try (Response response = plain.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("X-Quality-Score")).matches("0\\.\\d\\d");
        traceId = response.header("X-Trace-ID");
        assertThat(response.body().string()).startsWith("# Write a pricing study for Globex");
      }
      assertThat(traceId).matches("[0-9a-f]{32}");

      String printed = "";
      for (int i = 0; i < 200 && !printed.contains("X-Trace-ID " + traceId); i++) {
        Thread.sleep(50);
        printed = bytes.toString(StandardCharsets.UTF_8);
      }
      assertThat(printed).contains("== request from me: \"Write a pricing study for Globex\"",
          "trace " + traceId + "  user=me  budget=it", "invoke_agent content_specialist", "[traffic] alice/consulting");
    } finally {
      plain.dispatcher().executorService().shutdown();
      plain.connectionPool().evictAll();
    }
  }
}
