package dev.aitrace.openai;

import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * A raw response ({@code withRawResponse()}) of a traced call. The call's span ends when the body
 * is parsed (non-streamed), when the parsed stream ends, or when the response is closed, whichever
 * comes first; a response that is dropped unread is ended by {@link Abandoned}. Parsing is memoized,
 * as in openai-java. Thread-safe.
 *
 * @param <T> what the underlying response parses to
 * @param <U> what the caller gets from {@link #parse()}
 */
final class TracedRawResponse<T, U> implements HttpResponseFor<U> {
  private final HttpResponseFor<T> delegate;
  private final AiCallSpan call;
  private final Function<T, U> onParse;
  private final Runnable onClose;
  private U parsed;

  TracedRawResponse(HttpResponseFor<T> delegate, AiCallSpan call, Function<T, U> onParse, Runnable onClose) {
    this.delegate = delegate;
    this.call = call;
    this.onParse = onParse;
    this.onClose = onClose;
    Abandoned.endWhenUnreachable(this, onClose);
  }

  @Override
  public synchronized U parse() {
    if (parsed == null) {
      T value;
      try {
        value = delegate.parse();
      } catch (Throwable t) {
        call.end(t);
        throw t;
      }
      parsed = onParse.apply(value);
    }
    return parsed;
  }

  @Override
  public int statusCode() {
    return delegate.statusCode();
  }

  @Override
  public Headers headers() {
    return delegate.headers();
  }

  @Override
  public Optional<String> requestId() {
    return delegate.requestId();
  }

  @Override
  public InputStream body() {
    return delegate.body();
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      onClose.run();
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
