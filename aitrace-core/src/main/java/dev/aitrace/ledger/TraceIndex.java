package dev.aitrace.ledger;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Remembers, for recent traces and tasks, which users, agents, models, categories... their AI calls
 * were for, and a span id to link to: a score or value recorded later is credited to those slices.
 * Bounded: the least recently touched traces and tasks are forgotten first, and each one keeps at
 * most a few keys per dimension. Thread-safe.
 *
 * <p>Every local root span of the process passes {@link #addRoot}, and almost none of them belongs to
 * a trace with AI calls or agents. A lock-free table counts the traces held here by a cheap hash of
 * their ids: a root span whose slot is zero (no false negatives; a collision only costs the lock)
 * is turned away without taking the index's lock or hashing the whole id.
 */
final class TraceIndex {
  private static final int KEYS_PER_DIMENSION = 16;

  /**
   * What is known of one trace or task. Guarded by the index's lock. Keys are kept in small arrays
   * per dimension, in the order first seen, so a new trace costs a few small arrays rather than a
   * map of hash sets.
   */
  static final class Facts {
    private final String[][] keys = new String[Dimension.ALL.length][];
    private final int[] counts = new int[Dimension.ALL.length];
    String spanId = "";
    boolean rootSpan;

    /** The keys seen for {@code dimension}, in the order first seen. */
    Set<String> keys(Dimension dimension) {
      int n = counts[dimension.ordinal()];
      if (n == 0) {
        return Set.of();
      }
      Set<String> set = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        set.add(keys[dimension.ordinal()][i]);
      }
      return Collections.unmodifiableSet(set);
    }

    void add(Dimension dimension, String key) {
      int d = dimension.ordinal();
      int n = counts[d];
      String[] row = keys[d];
      for (int i = 0; i < n; i++) {
        if (row[i].equals(key)) {
          return;
        }
      }
      if (n >= KEYS_PER_DIMENSION) {
        return;
      }
      if (row == null) {
        row = keys[d] = new String[2];
      } else if (n == row.length) {
        row = keys[d] = Arrays.copyOf(row, Math.min(KEYS_PER_DIMENSION, 2 * n));
      }
      row[n] = key;
      counts[d] = n + 1;
    }
  }

  private final Map<String, Facts> traces;
  private final Map<String, Facts> tasks;
  // How many traces held in traces hash to each slot; written under the lock, read without it.
  private final AtomicIntegerArray held;
  private final int mask;

  TraceIndex(int maxEntries) {
    int slots = Integer.highestOneBit(Math.max(64, 2 * Math.min(maxEntries, 1 << 14)) * 2 - 1);
    this.held = new AtomicIntegerArray(slots);
    this.mask = slots - 1;
    this.traces = lru(maxEntries, this);
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
    traceFacts(traceId).add(Dimension.AGENT, agent);
    if (taskId != null) {
      tasks.computeIfAbsent(taskId, k -> new Facts()).add(Dimension.AGENT, agent);
    }
  }

  /**
   * Notes the local root span of a trace: the best span for a score to link to. A trace this index
   * does not hold is ignored, without taking the lock.
   */
  void addRoot(String traceId, String spanId) {
    if (held.get(slot(traceId)) == 0) {
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
      held.incrementAndGet(slot(traceId));
    }
    return facts;
  }

  /**
   * The table slot of a trace id: its last eight characters, which every id generator fills with
   * random bits (some put a timestamp in the first half), mixed; much cheaper than {@code hashCode()}
   * over 32 characters, which a fresh id has not cached yet.
   */
  private int slot(String traceId) {
    int h = 0;
    for (int i = Math.max(0, traceId.length() - 8); i < traceId.length(); i++) {
      h = 31 * h + traceId.charAt(i);
    }
    h *= 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
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
    for (Dimension d : Dimension.ALL) {
      String key = d.keyOf(call, null);
      if (key != null) {
        facts.add(d, key);
      }
    }
  }

  private static Facts copy(Facts facts) {
    Facts copy = new Facts();
    for (int d = 0; d < facts.keys.length; d++) {
      if (facts.keys[d] != null) {
        copy.keys[d] = facts.keys[d].clone();
        copy.counts[d] = facts.counts[d];
      }
    }
    copy.spanId = facts.spanId;
    copy.rootSpan = facts.rootSpan;
    return copy;
  }

  /** A map that forgets its least recently touched entry past {@code max}, uncounting it in {@code owner}. */
  private static Map<String, Facts> lru(int max, TraceIndex owner) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Facts> eldest) {
        if (size() <= max) {
          return false;
        }
        if (owner != null) {
          owner.held.decrementAndGet(owner.slot(eldest.getKey()));
        }
        return true;
      }
    };
  }
}
