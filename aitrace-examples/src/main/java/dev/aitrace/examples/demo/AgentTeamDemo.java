package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.PipelineStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent-team demo: clients send briefs to an agency of AI agents (a manager, a recruiter, a
 * content specialist with a search tool, and a QA agent behind its own HTTP endpoint); aitrace
 * traces every request end to end; the demo prints each trace as a waterfall, the cost per agent,
 * user and budget category, and the quality scores. Without {@code OPENAI_API_KEY} it runs against
 * an embedded fake OpenAI server. {@code --serve} keeps the agency running on port 8080 with
 * steady background traffic.
 *
 * <pre>{@code
 * mvn -q -pl aitrace-examples -am -DskipTests compile exec:java
 * mvn -q -pl aitrace-examples -am -DskipTests compile exec:java -Dexec.args=--serve
 * }</pre>
 */
public final class AgentTeamDemo {
  private AgentTeamDemo() {}

  public static void main(String[] args) throws Exception {
    DemoSettings settings = DemoSettings.from(args);
    if (settings.serve()) {
      ServedMode.run(settings, System.out);
    } else {
      run(settings, System.out);
    }
  }

  /** Runs the scripted requests once and prints the report. */
  static void run(DemoSettings settings, PrintStream out) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    List<ClientRequest> script = settings.useFake() ? ClientRequest.SCRIPT
        : List.of(ClientRequest.SCRIPT.get(0), ClientRequest.SCRIPT.get(ClientRequest.SCRIPT.size() - 1));
    try (DemoRuntime runtime = DemoRuntime.start(settings,
        AiTrace.builder().serviceName("agent-team-demo").fromEnvironment().addExporter(spans))) {
      out.println("aitrace agent-team demo");
      out.println("  OpenAI endpoint: " + runtime.openAiEndpoint(settings) + ", model " + settings.chatModel());
      out.println("  agency:          " + runtime.agencyUrl() + AgencyServlet.PATH);
      List<DemoRuntime.Outcome> outcomes = new ArrayList<>();
      for (ClientRequest request : script) {
        out.println("  " + request.user() + " -> \"" + request.brief() + "\"");
        outcomes.add(runtime.send(request));
      }
      runtime.aiTrace().flush();
      out.print(DemoReport.render(outcomes, spans.getFinishedSpans(), runtime.scores(),
          runtime.aiTrace().ledger().snapshot(), runtime.alerts()));
      out.println();
      PipelineStats stats = runtime.aiTrace().exportStats();
      out.printf(Locale.ROOT, "Spans: %d exported, %d dropped, %d failed (counted over all exporters: this view and"
          + " any set by AITRACE_EXPORTERS or OTEL_EXPORTER_OTLP_ENDPOINT)%n", stats.exported(), stats.dropped(),
          stats.failed());
    }
  }
}
