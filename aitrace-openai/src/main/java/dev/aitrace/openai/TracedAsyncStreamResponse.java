package dev.aitrace.openai;

import com.openai.core.http.AsyncStreamResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A traced call's asynchronous stream. The subscriber's handler sees the chunks it would have seen
 * without the wrapper; the call's span ends exactly once, when the stream completes or fails, when
 * it is closed, or, if it is dropped without either, when it becomes unreachable. Thread-safe as
 * openai-java's own.
 */
final class TracedAsyncStreamResponse<C> implements AsyncStreamResponse<C> {
  private final AsyncStreamResponse<C> delegate;
  private final StreamObserver<C> observer;

  TracedAsyncStreamResponse(AsyncStreamResponse<C> delegate, StreamObserver<C> observer) {
    this.delegate = delegate;
    this.observer = observer;
    StreamObserver<C> end = observer;
    delegate.onCompleteFuture().whenComplete((ignored, error) -> {
      if (error != null) {
        end.failed(error);
      } else {
        end.exhausted();
      }
    });
    Abandoned.endWhenUnreachable(this, observer::closed);
  }

  @Override
  public AsyncStreamResponse<C> subscribe(Handler<? super C> handler) {
    delegate.subscribe(new Observing(handler));
    return this;
  }

  @Override
  public AsyncStreamResponse<C> subscribe(Handler<? super C> handler, Executor executor) {
    delegate.subscribe(new Observing(handler), executor);
    return this;
  }

  @Override
  public CompletableFuture<Void> onCompleteFuture() {
    return delegate.onCompleteFuture();
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      observer.closed();
    }
  }

  private final class Observing implements Handler<C> {
    private final Handler<? super C> handler;

    Observing(Handler<? super C> handler) {
      this.handler = handler;
    }

    @Override
    public void onNext(C chunk) {
      C delivered = observer.deliver(chunk);
      if (delivered != null) {
        handler.onNext(delivered);
      }
    }

    @Override
    public void onComplete(Optional<Throwable> error) {
      try {
        if (error.isPresent()) {
          observer.failed(error.get());
        } else {
          observer.exhausted();
        }
      } finally {
        handler.onComplete(error);
      }
    }
  }
}
