package dev.aitrace.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** {@code POST /agents/qa}: the QA agent's endpoint. Body: the draft; answer: the review. */
final class QaServlet extends HttpServlet {
  static final String PATH = "/agents/qa";
  private static final long serialVersionUID = 1L;
  private static final int MAX_DRAFT = 64 * 1024;

  private final transient QaAgent qa;

  QaServlet(QaAgent qa) {
    this.qa = qa;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_DRAFT + 1);
    if (body.length == 0 || body.length > MAX_DRAFT) {
      response.sendError(400, "send the draft as the request body (at most " + MAX_DRAFT + " bytes)");
      return;
    }
    Review review = qa.review(new String(body, StandardCharsets.UTF_8));
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("X-Quality-Score", String.format(Locale.ROOT, "%.2f", review.score()));
    response.getWriter().write(review.text());
  }
}
