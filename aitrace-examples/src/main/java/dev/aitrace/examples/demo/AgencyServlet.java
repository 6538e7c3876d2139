package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.Attribution;
import dev.aitrace.guard.LoopDetectedException;
import io.opentelemetry.context.Scope;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code POST /requests}: the agency's front door. The body is the client's brief; the optional
 * query parameters {@code user}, {@code category} (budget category) and {@code task} attribute the
 * work. Answers with the deliverable and its QA review; the trace filter adds {@code X-Trace-ID}.
 * A brief that the loop guard stops gets {@code 508 Loop Detected}, one a budget stops gets {@code
 * 402 Payment Required}, each with the guard's message.
 */
final class AgencyServlet extends HttpServlet {
  static final String PATH = "/requests";
  private static final long serialVersionUID = 1L;
  private static final int MAX_BRIEF = 8 * 1024;

  /** Marks the demo's own background traffic, which the listener does not hear about. */
  static final String BACKGROUND_HEADER = "X-Demo-Traffic";

  private final transient Manager manager;
  private final transient Consumer<DemoRuntime.Outcome> listener;

  AgencyServlet(Manager manager, Consumer<DemoRuntime.Outcome> listener) {
    this.manager = manager;
    this.listener = listener;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BRIEF + 1);
    String brief = new String(body, StandardCharsets.UTF_8).strip();
    if (brief.isEmpty() || body.length > MAX_BRIEF) {
      response.sendError(400, "send the brief as the request body (at most " + MAX_BRIEF + " bytes)");
      return;
    }
    Attribution.Builder who = Attribution.builder();
    String user = "-";
    String category = "-";
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (key) {
          case "user" -> {
            who.userId(value);
            user = value;
          }
          case "category" -> {
            who.budgetCategory(value);
            category = value;
          }
          case "task" -> who.taskId(value);
          default -> { }
        }
      }
    }
    response.setContentType("text/plain; charset=utf-8");
    int status = 200;
    String answer;
    try (Scope ignored = who.build().makeCurrent()) {
      Deliverable deliverable = manager.handle(brief);
      response.setHeader("X-Quality-Score", String.format(Locale.ROOT, "%.2f", deliverable.review().score()));
      answer = deliverable.text() + "\n\n---\nQA review:\n" + deliverable.review().text() + "\n";
    } catch (LoopDetectedException e) {
      status = 508;
      answer = "Stopped by the loop guard: " + e.getMessage() + "\n";
    } catch (AiTraceBlockedException e) {
      status = 402;
      answer = "Stopped by a budget: " + e.getMessage() + "\n";
    }
    response.setStatus(status);
    response.getWriter().write(answer);
    if (request.getHeader(BACKGROUND_HEADER) == null) {
      listener.accept(new DemoRuntime.Outcome(new ClientRequest(user, category, brief), status,
          AiTrace.currentTraceId().orElse(""), answer));
    }
  }
}
