package dev.aitrace.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Ends an async request's span when the container reports completion. A timeout or an error only
 * marks the span: the container still completes the request afterwards (sending its error
 * response), and that completion is the one end. Re-registers itself when the application starts
 * async again, as the servlet specification asks of listeners.
 */
final class AsyncSpanListener implements AsyncListener {
  private final ServerSpan span;
  private final HttpServletRequest request;
  private final HttpServletResponse response;

  AsyncSpanListener(ServerSpan span, HttpServletRequest request, HttpServletResponse response) {
    this.span = span;
    this.request = request;
    this.response = response;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    span.end(request, response);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    AsyncContext context = event.getAsyncContext();
    span.timedOut(context == null ? 0 : context.getTimeout());
  }

  @Override
  public void onError(AsyncEvent event) {
    span.recordError(event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    AsyncContext context = event.getAsyncContext();
    if (context != null) {
      context.addListener(this, request, response);
    }
  }
}
