package dev.aitrace.ledger;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for recent traces and tasks, which users, agents, models, categories... their AI calls
 * were for, and a span id to link to: a score or value recorded later is credited to those slices.
 * Bounded: the least recently touched traces and tasks are forgotten first, and each one keeps at
 * most a few keys per dimension. Thread-safe.
 *
 * <p>Every local root span of the process passes {@link #addRoot}, and almost none of them belongs to
 * a trace with AI calls or agents: the ids of the traces held here are mirrored in a concurrent set,
 * so those root spans are turned away without taking the index's lock.
 */
final class TraceIndex {
  private static final int KEYS_PER_DIMENSION = 16;

  /** What is known of one trace or task. Guarded by the index's lock. */
  static final class Facts {
    final Map<Dimension, Set<String>> keys = new EnumMap<>(Dimension.class);
    String spanId = "";
    boolean rootSpan;

    Set<String> keys(Dimension dimension) {
      return keys.getOrDefault(dimension, Set.of());
    }
  }

  private final Map<String, Facts> traces;
  private final Map<String, Facts> tasks;
  // The keys of traces, written under the lock, read without it.
  private final Set<String> traceIds = ConcurrentHashMap.newKeySet();

  TraceIndex(int maxEntries) {
    this.traces = lru(maxEntries, traceIds);
    this.tasks = lru(maxEntries, null);
  }

  synchronized void addCall(AiCallRecord call, String spanId) {
    Facts trace = traceFacts(call.traceId());
    addKeys(trace, call);
    if (trace.spanId.isEmpty()) {
      trace.spanId = spanId;
    }
    call.attribution().taskId().ifPresent(task -> addKeys(tasks.computeIfAbsent(task, k -> new Facts()), call));
  }

  /** Notes an agent that worked in a trace, even one that made no AI call itself. */
  synchronized void addAgent(String traceId, String agent, String taskId) {
    add(traceFacts(traceId), Dimension.AGENT, agent);
    if (taskId != null) {
      add(tasks.computeIfAbsent(taskId, k -> new Facts()), Dimension.AGENT, agent);
    }
  }

  /**
   * Notes the local root span of a trace: the best span for a score to link to. A trace this index
   * does not hold is ignored, without taking the lock.
   */
  void addRoot(String traceId, String spanId) {
    if (!traceIds.contains(traceId)) {
      return;
    }
    synchronized (this) {
      Facts facts = traces.get(traceId);
      if (facts != null && !facts.rootSpan) {
        facts.spanId = spanId;
        facts.rootSpan = true;
      }
    }
  }

  /** The facts of {@code traceId}, created when new; caller holds the lock. */
  private Facts traceFacts(String traceId) {
    Facts facts = traces.get(traceId);
    if (facts == null) {
      facts = new Facts();
      traces.put(traceId, facts);
      traceIds.add(traceId);
    }
    return facts;
  }

  /** A copy of what is known of {@code traceId}. */
  synchronized Optional<Facts> trace(String traceId) {
    return Optional.ofNullable(traces.get(traceId)).map(TraceIndex::copy);
  }

  /** A copy of what is known of {@code taskId}. */
  synchronized Optional<Facts> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId)).map(TraceIndex::copy);
  }

  private static void addKeys(Facts facts, AiCallRecord call) {
    for (Dimension d : Dimension.values()) {
      d.keyOf(call).ifPresent(key -> add(facts, d, key));
    }
  }

  private static void add(Facts facts, Dimension dimension, String key) {
    Set<String> set = facts.keys.computeIfAbsent(dimension, d -> new LinkedHashSet<>());
    if (set.size() < KEYS_PER_DIMENSION) {
      set.add(key);
    }
  }

  private static Facts copy(Facts facts) {
    Facts copy = new Facts();
    facts.keys.forEach((d, keys) -> copy.keys.put(d, Set.copyOf(keys)));
    copy.spanId = facts.spanId;
    copy.rootSpan = facts.rootSpan;
    return copy;
  }

  /** A map that forgets its least recently touched entry past {@code max}, and its key in {@code mirror}. */
  private static Map<String, Facts> lru(int max, Set<String> mirror) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Facts> eldest) {
        if (size() <= max) {
          return false;
        }
        if (mirror != null) {
          mirror.remove(eldest.getKey());
        }
        return true;
      }
    };
  }
}
