package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import dev.aitrace.score.Scores;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the QA agent's scores go: to aitrace's score API against the current trace (so the ledger
 * shows quality per agent, user and budget category, and a score span reaches the exporters), and
 * into a small map the terminal view reads to show each request's score next to its trace. Keeps
 * the latest {@value #KEEP} traces. Thread-safe.
 */
final class QualityScores {
  static final int KEEP = 500;

  /** The name the scores are recorded under. */
  static final String NAME = "quality";

  private final Scores scores;
  private final Map<String, Review> byTrace = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Review> eldest) {
      return size() > KEEP;
    }
  };

  QualityScores(Scores scores) {
    this.scores = scores;
  }

  /** Records {@code review} for the current trace; outside a trace there is nothing to score. */
  void record(Review review) {
    AiTrace.currentTraceId().ifPresent(traceId -> {
      scores.scoreTrace(traceId, NAME, review.score(), review.verdict());
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
