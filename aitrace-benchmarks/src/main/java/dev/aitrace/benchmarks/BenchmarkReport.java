package dev.aitrace.benchmarks;

import dev.aitrace.benchmarks.JmhResults.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes {@code BENCHMARKS.md} from one JMH run: the machine, the JDK, the command, each target with
 * its measured ratio, and JMH's own result table. The prose comes from the {@code
 * benchmarks-report.md} template next to this class; every number comes from the run.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.aitrace.benchmarks.BenchmarkReport \
 *     target/jmh-result.json target/jmh-output.txt ../BENCHMARKS.md "aitrace-benchmarks/run.sh"
 * }</pre>
 */
public final class BenchmarkReport {
  private final JmhResults results;
  private final Targets targets;

  private BenchmarkReport(JmhResults results) {
    this.results = results;
    this.targets = new Targets(results);
  }

  /** Arguments: JMH JSON result, JMH console output (may be missing), markdown to write, command. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: BenchmarkReport <jmh-result.json> <jmh-output.txt> <BENCHMARKS.md> <command>");
      System.exit(2);
    }
    BenchmarkReport report = new BenchmarkReport(JmhResults.read(Path.of(args[0])));
    String markdown = report.render(rawTable(Path.of(args[1])), args[3]);
    Files.writeString(Path.of(args[2]), markdown, StandardCharsets.UTF_8);
    System.out.println("wrote " + Path.of(args[2]).toAbsolutePath().normalize());
  }

  String render(String rawTable, String command) throws IOException {
    Optional<Result> any = results.all().stream().findFirst();
    String template;
    try (InputStream in = BenchmarkReport.class.getResourceAsStream("benchmarks-report.md")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return template
        .replace("{{date}}", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .replace("{{command}}", command)
        .replace("{{machine}}", MachineInfo.describe()
            + "| JDK | " + any.map(Result::vm).orElse("?") + " (" + any.map(Result::jdk).orElse("?") + ") |\n"
            + "| JMH | 1.37, `-prof gc` |\n")
        .replace("{{targets}}", targets.table())
        .replace("{{pipeline}}", pipeline())
        .replace("{{raw}}", rawTable);
  }

  /** The stalled-exporter run's pipeline counts and live heap, from the files the benchmark wrote. */
  private String pipeline() throws IOException {
    StringBuilder out = new StringBuilder(
        "| exporter | spans ended | exported | dropped (counted) | failed | still queued | queue capacity"
            + " | live heap before | live heap after |\n|---|---|---|---|---|---|---|---|---|\n");
    for (String exporter : List.of("healthy", "stalled")) {
      Path file = Path.of("target", "exporter-" + exporter + ".properties");
      if (!Files.exists(file)) {
        out.append("| ").append(exporter).append(" | not run | | | | | | | |\n");
        continue;
      }
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      out.append("| ").append(exporter)
          .append(" | ").append(Targets.count(p.getProperty("spans")))
          .append(" | ").append(Targets.count(p.getProperty("exported")))
          .append(" | ").append(Targets.count(p.getProperty("dropped")))
          .append(" | ").append(Targets.count(p.getProperty("failed")))
          .append(" | ").append(Targets.count(p.getProperty("queued")))
          .append(" | ").append(Targets.count(p.getProperty("queueCapacity")))
          .append(" | ").append(Targets.megabytes(p.getProperty("heapBeforeBytes")))
          .append(" | ").append(Targets.megabytes(p.getProperty("heapAfterBytes")))
          .append(" |\n");
    }
    return out.toString();
  }

  /** JMH's closing table from its console output, or a note when the output was not kept. */
  static String rawTable(Path output) throws IOException {
    if (!Files.exists(output)) {
      return "(JMH console output not found at " + output + ")";
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("Benchmark ") && line.contains(" Mode ") && line.contains(" Score ")) {
        start = i;
      }
    }
    if (start < 0) {
      return "(no JMH result table in " + output + ")";
    }
    StringBuilder table = new StringBuilder();
    for (String line : lines.subList(start, lines.size())) {
      if (line.isBlank() || line.startsWith("Benchmark result is saved")) {
        continue;
      }
      table.append(line).append('\n');
    }
    return table.toString();
  }
}
