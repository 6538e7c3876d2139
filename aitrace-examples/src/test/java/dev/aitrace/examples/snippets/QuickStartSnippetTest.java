package dev.aitrace.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's core snippet writes the same spans to a JSON Lines file and to an OTLP endpoint. */
class QuickStartSnippetTest {
  @TempDir Path dir;

  @Test
  void snippet_writesSpansToJsonLinesAndOtlp() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      in.transferTo(body);
      bodies.add(body.toString(StandardCharsets.UTF_8));
      byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    collector.start();
    try {
      Path jsonl = dir.resolve("spans.jsonl");
      String url = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";

      String report = QuickStartSnippet.run(jsonl, url);

      String traceId = report.substring(report.lastIndexOf(' ') + 1);
      assertThat(traceId).matches("[0-9a-f]{32}");
      List<String> lines = Files.readAllLines(jsonl);
      assertThat(lines).hasSize(3);
      assertThat(lines).allSatisfy(line -> assertThat(line).contains(traceId).contains("u-42"));
      assertThat(String.join("\n", lines))
          .contains("invoke_agent manager", "invoke_agent recruiter", "execute_tool web_search");
      assertThat(paths).containsOnly("/v1/traces");
      String otlp = String.join("\n", bodies);
      assertThat(otlp).contains(traceId, "invoke_agent manager", "invoke_agent recruiter",
          "execute_tool web_search", "\"agent-team\"", "consulting");
    } finally {
      collector.stop(0);
    }
  }
}
