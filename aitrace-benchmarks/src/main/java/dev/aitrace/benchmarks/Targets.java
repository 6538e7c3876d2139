package dev.aitrace.benchmarks;

import dev.aitrace.benchmarks.JmhResults.Metric;
import dev.aitrace.benchmarks.JmhResults.Result;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The targets the benchmarks exist for, each with what this run measured and whether it was met. */
final class Targets {
  static final String ALLOC = "gc.alloc.rate.norm";

  private final JmhResults results;
  private final StringBuilder table = new StringBuilder(
      "| # | target | aitrace | peer / baseline | measured | goal | verdict |\n|---|---|---|---|---|---|---|\n");

  Targets(JmhResults results) {
    this.results = results;
  }

  String table() {
    spans("1 thread", "SpanBenchmark.aitrace", "SpanBenchmark.otelSdk");
    spans("2 threads", "SpanBenchmark.aitrace2Threads", "SpanBenchmark.otelSdk2Threads");
    ratio("1", "span start+end, no log correlation (like-for-like), time", time("SpanBenchmark.aitraceWithoutLogCorrelation"),
        time("SpanBenchmark.otelSdk"), 0.6, true);
    ratio("1", "span start+end, no log correlation (like-for-like), allocation",
        alloc("SpanBenchmark.aitraceWithoutLogCorrelation"), alloc("SpanBenchmark.otelSdk"), 0.6, true);
    aiCall("sync", "OpenAiChatBenchmark.syncAitrace", "OpenAiChatBenchmark.syncOtel", "OpenAiChatBenchmark.syncUnwrapped");
    aiCall("streaming", "OpenAiChatBenchmark.streamAitrace", "OpenAiChatBenchmark.streamOtel",
        "OpenAiChatBenchmark.streamUnwrapped");
    ratio("3", "trace filter throughput (requests/s)",
        find("TraceFilterBenchmark.request", Map.of("filter", "aitrace")).map(Result::primary),
        find("TraceFilterBenchmark.request", Map.of("filter", "none")).map(Result::primary), 0.95, false);
    Optional<Metric> otlp = time("OtlpEncodeBenchmark.encode");
    row("4", "OTLP JSON encoding, spans/s on one thread", otlp.map(Targets::score).orElse("not run"), "",
        otlp.map(m -> count(m.score())).orElse("—"), ">= 500,000",
        otlp.map(m -> m.score() >= 500_000 ? "met" : "missed").orElse("not run"));
    ratio("4", "span start+end with a stalled exporter vs a healthy one, time",
        find("StalledExporterBenchmark.spanStartEnd", Map.of("exporter", "stalled")).map(Result::primary),
        find("StalledExporterBenchmark.spanStartEnd", Map.of("exporter", "healthy")).map(Result::primary), 1.2, true);
    ratio("4", "span start+end with a stalled exporter vs a healthy one, allocation",
        find("StalledExporterBenchmark.spanStartEnd", Map.of("exporter", "stalled")).map(r -> r.secondary().get(ALLOC)),
        find("StalledExporterBenchmark.spanStartEnd", Map.of("exporter", "healthy")).map(r -> r.secondary().get(ALLOC)),
        1.1, true);
    return table.toString();
  }

  private void spans(String threads, String aitrace, String otel) {
    ratio("1", "span start+end, 6 attributes, in scope, " + threads + ", time", time(aitrace), time(otel), 0.6, true);
    ratio("1", "span start+end, 6 attributes, in scope, " + threads + ", allocation", alloc(aitrace), alloc(otel),
        0.6, true);
  }

  private void aiCall(String kind, String aitrace, String otel, String unwrapped) {
    Optional<Metric> a = time(aitrace);
    Optional<Metric> o = time(otel);
    Optional<Metric> u = time(unwrapped);
    Optional<Double> aOver = a.flatMap(x -> u.map(y -> x.score() - y.score()));
    Optional<Double> oOver = o.flatMap(x -> u.map(y -> x.score() - y.score()));
    row("2", "chat completion (" + kind + "), overhead over unwrapped vs the OpenTelemetry wrapper's",
        a.map(Targets::score).orElse("not run"), o.map(Targets::score).orElse("not run") + " (OTel), "
            + u.map(Targets::score).orElse("not run") + " (unwrapped)",
        aOver.map(Targets::micros).orElse("—") + " vs " + oOver.map(Targets::micros).orElse("—"),
        "<= OTel's",
        aOver.isPresent() && oOver.isPresent() ? (aOver.get() <= oOver.get() ? "met" : "missed") : "not run");
    row("2", "chat completion (" + kind + "), overhead over unwrapped", "", "",
        aOver.map(Targets::micros).orElse("—"), "<= 5 µs",
        aOver.map(d -> d <= 5.0 ? "met" : "missed").orElse("not run"));
  }

  private void ratio(String n, String what, Optional<Metric> ours, Optional<Metric> theirs, double goal,
      boolean atMost) {
    if (ours.isEmpty() || theirs.isEmpty()) {
      row(n, what, ours.map(Targets::score).orElse("not run"), theirs.map(Targets::score).orElse("not run"), "—",
          (atMost ? "<= " : ">= ") + goal + "x", "not run");
      return;
    }
    double r = ours.get().score() / theirs.get().score();
    boolean met = atMost ? r <= goal : r >= goal;
    row(n, what, score(ours.get()), score(theirs.get()), String.format(Locale.ROOT, "%.2fx", r),
        (atMost ? "<= " : ">= ") + goal + "x", met ? "met" : "missed");
  }

  private void row(String n, String what, String ours, String theirs, String measured, String goal, String verdict) {
    table.append("| ").append(n).append(" | ").append(what).append(" | ").append(ours).append(" | ")
        .append(theirs).append(" | ").append(measured).append(" | ").append(goal).append(" | ")
        .append(verdict.equals("missed") ? "**missed**" : verdict).append(" |\n");
  }

  private Optional<Result> find(String name, Map<String, String> params) {
    return results.find(name, params);
  }

  private Optional<Metric> time(String name) {
    return results.find(name).map(Result::primary);
  }

  private Optional<Metric> alloc(String name) {
    return results.find(name).map(r -> r.secondary().get(ALLOC));
  }

  static String score(Metric m) {
    String error = Double.isNaN(m.error()) ? "" : " ± " + number(m.error());
    return number(m.score()) + error + " " + m.unit();
  }

  static String micros(double d) {
    return String.format(Locale.ROOT, "%+.1f µs", d);
  }

  static String number(double d) {
    if (Math.abs(d) >= 10_000) {
      return count(d);
    }
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
  }

  static String count(double d) {
    return String.format(Locale.ROOT, "%,.0f", d);
  }

  static String count(String s) {
    return s == null ? "—" : count(Double.parseDouble(s));
  }

  static String megabytes(String bytes) {
    return bytes == null ? "—" : String.format(Locale.ROOT, "%.1f MB", Double.parseDouble(bytes) / 1_000_000);
  }
}
