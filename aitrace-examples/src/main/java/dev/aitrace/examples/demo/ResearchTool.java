package dev.aitrace.examples.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code web_search} tool: ranks a small research corpus by embedding similarity to the query
 * (one embeddings call) and returns the two closest notes. Stands in for a search API or a vector
 * store; what matters for the trace is that a tool makes an AI call of its own.
 */
final class ResearchTool {
  static final String NAME = "web_search";
  static final List<String> NOTES = List.of(
      "ACME Corp 2025 annual report: revenue $4.2B (+9%), 38% from industrial IoT, margins under pressure.",
      "Analyst note: the industrial IoT platform market reached $31B in 2025 and grows 12% a year.",
      "Competitor filings: Globex and Initech cut list prices 15% in 2025 to win mid-market accounts.",
      "Survey of 400 CIOs: 61% plan to consolidate monitoring vendors within two years.",
      "PostgreSQL migration case studies: median cut-over window 4 hours, 2 rollbacks in 37 projects.",
      "Customer feedback digest: onboarding friction and invoice clarity top the complaint list.");

  private final Llm llm;

  ResearchTool(Llm llm) {
    this.llm = llm;
  }

  /** The two notes closest to {@code query}, one per line. */
  String search(String query) {
    List<String> texts = new ArrayList<>();
    texts.add(query);
    texts.addAll(NOTES);
    List<List<Float>> vectors = llm.embed(texts);
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i < vectors.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -dot(vectors.get(0), vectors.get(i))));
    return NOTES.get(order.get(0) - 1) + "\n" + NOTES.get(order.get(1) - 1);
  }

  private static double dot(List<Float> a, List<Float> b) {
    double sum = 0;
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      sum += a.get(i) * b.get(i);
    }
    return sum;
  }
}
