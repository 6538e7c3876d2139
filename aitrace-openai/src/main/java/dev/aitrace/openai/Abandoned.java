package dev.aitrace.openai;

import java.lang.ref.Cleaner;

/**
 * The safety net for streams and raw responses the application drops without reading them to the
 * end or closing them: when such an object becomes unreachable, the garbage collector lets us end
 * its span, so no span stays open forever. The span then ends late (at collection time), which is
 * why closing a stream ({@code try (StreamResponse<...> s = ...)}) is the documented way.
 */
final class Abandoned {
  private static final Cleaner CLEANER =
      Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "aitrace-openai-cleaner");
        thread.setDaemon(true);
        return thread;
      });

  private Abandoned() {}

  /** Runs {@code action} once {@code owner} is unreachable; {@code action} must not refer to it. */
  static void endWhenUnreachable(Object owner, Runnable action) {
    CLEANER.register(owner, action);
  }
}
