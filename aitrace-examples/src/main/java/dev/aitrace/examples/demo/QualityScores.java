package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the QA agent's scores go: recorded against the current trace, so the terminal view can show
 * each request's score next to its trace. Keeps the latest {@value #KEEP} traces. Thread-safe.
 */
final class QualityScores {
  static final int KEEP = 500;

  private final Map<String, Review> byTrace = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Review> eldest) {
      return size() > KEEP;
    }
  };

  /** Records {@code review} for the current trace; outside a trace there is nothing to score. */
  void record(Review review) {
    AiTrace.currentTraceId().ifPresent(traceId -> {
      synchronized (byTrace) {
        byTrace.put(traceId, review);
      }
    });
  }

  Optional<Review> of(String traceId) {
    synchronized (byTrace) {
      return Optional.ofNullable(byTrace.get(traceId));
    }
  }
}
