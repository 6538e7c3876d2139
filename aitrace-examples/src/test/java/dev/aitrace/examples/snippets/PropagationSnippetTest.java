package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PropagationSnippetTest {
  @Test
  void callOut_sendsTraceAndAttribution_andHandle_continuesThem() throws Exception {
    Map<String, String> received = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data", exchange -> {
      exchange.getRequestHeaders().forEach((k, v) -> received.put(k.toLowerCase(), String.join(",", v)));
      byte[] body = "facts".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder().addExporter(spans).shutdownHook(false).build()) {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data";
      assertThat(PropagationSnippet.callOut(aiTrace, url)).isEqualTo("200 facts");
      aiTrace.flush();
      List<SpanRecord> sent = spans.getFinishedSpans();
      SpanRecord client = sent.get(0);
      assertThat(sent).extracting(SpanRecord::name).containsExactly("GET", "invoke_agent researcher");
      assertThat(received.get("traceparent")).isEqualTo("00-" + client.traceId() + "-" + client.spanId() + "-01");
      assertThat(received.get("baggage")).contains("aitrace.user.id=u-42", "aitrace.task.id=report-7");

      Map<String, String> headers = new HashMap<>();
      headers.put("traceparent", received.get("traceparent"));
      headers.put("baggage", received.get("baggage"));
      spans.reset();
      assertThat(PropagationSnippet.handle(aiTrace, headers)).isEqualTo(client.traceId());
      aiTrace.flush();
      SpanRecord worker = spans.getFinishedSpans().get(0);
      assertThat(worker.traceId()).isEqualTo(client.traceId());
      assertThat(worker.parentSpanId()).isEqualTo(client.spanId());
      assertThat(worker.attributes().get(dev.aitrace.Attribution.USER_ID)).isEqualTo("u-42");
    } finally {
      server.stop(0);
    }
  }
}
