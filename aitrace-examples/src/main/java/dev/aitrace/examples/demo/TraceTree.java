package dev.aitrace.examples.demo;

import dev.aitrace.export.SpanRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one trace arranged by parent: roots first (a span whose parent is not among the
 * spans counts as a root, as it does in any trace viewer), children in start order.
 */
final class TraceTree {
  /** A span and its children. */
  record Node(SpanRecord span, int depth, List<Node> children) {}

  private final String traceId;
  private final List<Node> roots;
  private final long startNanos;
  private final long endNanos;

  private TraceTree(String traceId, List<Node> roots, long startNanos, long endNanos) {
    this.traceId = traceId;
    this.roots = roots;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
  }

  /** Groups {@code spans} by trace, in the order each trace started. */
  static List<TraceTree> of(List<SpanRecord> spans) {
    Map<String, List<SpanRecord>> byTrace = new LinkedHashMap<>();
    spans.stream()
        .sorted(Comparator.comparingLong(SpanRecord::startEpochNanos))
        .forEach(s -> byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s));
    List<TraceTree> trees = new ArrayList<>();
    byTrace.forEach((traceId, list) -> trees.add(build(traceId, list)));
    return trees;
  }

  private static TraceTree build(String traceId, List<SpanRecord> spans) {
    Map<String, SpanRecord> byId = new HashMap<>();
    for (SpanRecord s : spans) {
      byId.put(s.spanId(), s);
    }
    Map<String, List<SpanRecord>> children = new HashMap<>();
    List<SpanRecord> rootSpans = new ArrayList<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (SpanRecord s : spans) {
      start = Math.min(start, s.startEpochNanos());
      end = Math.max(end, s.endEpochNanos());
      if (byId.containsKey(s.parentSpanId())) {
        children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
      } else {
        rootSpans.add(s);
      }
    }
    List<Node> roots = new ArrayList<>();
    for (SpanRecord root : rootSpans) {
      roots.add(node(root, 0, children));
    }
    return new TraceTree(traceId, List.copyOf(roots), start, end);
  }

  private static Node node(SpanRecord span, int depth, Map<String, List<SpanRecord>> children) {
    List<Node> kids = new ArrayList<>();
    for (SpanRecord child : children.getOrDefault(span.spanId(), List.of())) {
      kids.add(node(child, depth + 1, children));
    }
    return new Node(span, depth, List.copyOf(kids));
  }

  String traceId() {
    return traceId;
  }

  List<Node> roots() {
    return roots;
  }

  long startNanos() {
    return startNanos;
  }

  long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  /** Every node, depth first, parents before children. */
  List<Node> flatten() {
    List<Node> all = new ArrayList<>();
    for (Node root : roots) {
      add(root, all);
    }
    return all;
  }

  private static void add(Node node, List<Node> all) {
    all.add(node);
    for (Node child : node.children()) {
      add(child, all);
    }
  }

  /** All spans of the trace. */
  List<SpanRecord> spans() {
    List<SpanRecord> spans = new ArrayList<>();
    for (Node n : flatten()) {
      spans.add(n.span());
    }
    return spans;
  }
}
