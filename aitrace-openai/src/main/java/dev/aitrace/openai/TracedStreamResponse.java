package dev.aitrace.openai;

import com.openai.core.http.StreamResponse;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A traced call's stream. Chunks pass through its {@link StreamObserver} on their way to the caller.
 * The call's span ends exactly once: when the stream is exhausted (complete, or cut by the server:
 * error), when reading it throws (error, rethrown unchanged), when it is closed (what arrived is
 * recorded; closing early is no error), or, for a stream that is dropped without being closed, when
 * it becomes unreachable ({@link Abandoned}). A stream that is never iterated ends on {@link
 * #close()}.
 *
 * <p>Like openai-java's own, meant to be read by one thread; {@link #close()} may come from another.
 */
final class TracedStreamResponse<C> implements StreamResponse<C> {
  private final StreamResponse<C> delegate;
  private final StreamObserver<C> observer;

  TracedStreamResponse(StreamResponse<C> delegate, StreamObserver<C> observer) {
    this.delegate = delegate;
    this.observer = observer;
    Abandoned.endWhenUnreachable(this, observer::closed);
  }

  @Override
  public Stream<C> stream() {
    Stream<C> inner = delegate.stream();
    StreamObserver<C> closing = observer;
    return StreamSupport.stream(new Observing(inner.spliterator()), false).onClose(() -> {
      try {
        inner.close();
      } finally {
        closing.closed(); // a caller may close the Stream rather than the StreamResponse
      }
    });
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      observer.closed();
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /** Not static: a stream being read keeps its response reachable, so the safety net cannot fire. */
  private final class Observing implements Spliterator<C> {
    private final Spliterator<C> inner;
    private C next;

    Observing(Spliterator<C> inner) {
      this.inner = inner;
    }

    @Override
    public boolean tryAdvance(Consumer<? super C> action) {
      while (true) {
        boolean more;
        try {
          more = inner.tryAdvance(chunk -> next = observer.deliver(chunk));
        } catch (Throwable t) {
          observer.failed(t);
          throw t;
        }
        if (!more) {
          observer.exhausted();
          return false;
        }
        C chunk = next;
        next = null;
        if (chunk != null) {
          // the caller's action runs outside the try above: its exceptions are not the stream's
          action.accept(chunk);
          return true;
        }
      }
    }

    @Override
    public Spliterator<C> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return inner.estimateSize();
    }

    @Override
    public int characteristics() {
      return inner.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
    }
  }
}
