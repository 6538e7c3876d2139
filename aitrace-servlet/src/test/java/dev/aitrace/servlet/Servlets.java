package dev.aitrace.servlet;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;

/** Servlets the filter tests deploy into a real Jetty. */
final class Servlets {
  private Servlets() {}

  /** What the application sees while it handles a request, as {@code key=value} lines. */
  static final class Echo extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print(describe());
    }
  }

  /** The current trace, span, MDC, attribution and baggage, one {@code key=value} per line. */
  static String describe() {
    Span span = Span.current();
    return "trace_id=" + span.getSpanContext().getTraceId() + "\n"
        + "span_id=" + span.getSpanContext().getSpanId() + "\n"
        + "mdc_trace_id=" + MDC.get("trace_id") + "\n"
        + "mdc_span_id=" + MDC.get("span_id") + "\n"
        + "current_trace_id=" + AiTrace.currentTraceId().orElse("none") + "\n"
        + "user_id=" + Attribution.current().userId().orElse("none") + "\n"
        + "baggage_size=" + Baggage.current().size() + "\n";
  }

  /** Answers with the status code given in the {@code status} query parameter. */
  static final class Status extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setStatus(Integer.parseInt(request.getParameter("status")));
      response.getWriter().print("status");
    }
  }

  /** Throws the exception it was given, as an application bug would. */
  static final class Throwing extends HttpServlet {
    private final RuntimeException exception;

    Throwing(RuntimeException exception) {
      this.exception = exception;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      throw exception;
    }
  }

  /** Forwards or includes to the path in its init-less constructor. */
  static final class Dispatching extends HttpServlet {
    private final String target;
    private final boolean include;

    Dispatching(String target, boolean include) {
      this.target = target;
      this.include = include;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      if (include) {
        response.getWriter().print("before include\n");
        request.getRequestDispatcher(target).include(request, response);
      } else {
        request.getRequestDispatcher(target).forward(request, response);
      }
    }
  }
}
