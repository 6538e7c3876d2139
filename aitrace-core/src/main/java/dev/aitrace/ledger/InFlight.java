package dev.aitrace.ledger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AI calls started and not yet ended, per agent. Remembers which agent each open span counts against,
 * so a span that ends is subtracted from the right agent, and one whose start was not seen is not
 * subtracted at all. At most {@code maxAgents} agents, further ones counted under {@link
 * CostLedger#OTHER}; at most 100,000 open spans remembered. Thread-safe.
 */
final class InFlight {
  private static final int MAX_OPEN = 100_000;

  private final int maxAgents;
  private final ConcurrentHashMap<String, String> openSpans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> perAgent = new ConcurrentHashMap<>();

  InFlight(int maxAgents) {
    this.maxAgents = maxAgents;
  }

  void started(String spanId, String agent) {
    if (openSpans.size() >= MAX_OPEN) {
      return;
    }
    String key = perAgent.containsKey(agent) || perAgent.size() < maxAgents ? agent : CostLedger.OTHER;
    openSpans.put(spanId, key);
    perAgent.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  void ended(String spanId) {
    if (openSpans.isEmpty()) {
      return; // every span ends here; most were never AI calls
    }
    String agent = openSpans.remove(spanId);
    if (agent != null) {
      perAgent.get(agent).decrementAndGet();
    }
  }

  Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    perAgent.forEach((agent, count) -> {
      long n = count.get();
      if (n > 0) {
        result.put(agent, n);
      }
    });
    return java.util.Collections.unmodifiableMap(result);
  }
}
