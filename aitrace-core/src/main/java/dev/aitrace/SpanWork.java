package dev.aitrace;

/**
 * Work to run inside a span: returns a value and may throw {@code E}, which passes through to the
 * caller unchanged.
 *
 * @param <T> what the work returns
 * @param <E> what the work may throw
 */
@FunctionalInterface
public interface SpanWork<T, E extends Throwable> {
  T run() throws E;
}
