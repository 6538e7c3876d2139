package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Served mode: the agency keeps running on {@code http://localhost:8080} (or {@code --port=N}) behind
 * the trace filter, the script's clients send a brief every few seconds (one line each), and every
 * request someone else sends, with curl for instance, gets its full trace printed. Runs until the
 * process is stopped.
 */
final class ServedMode {
  private ServedMode() {}

  static void run(DemoSettings settings, PrintStream out) throws Exception {
    RecentTraces traces = new RecentTraces(300);
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(daemon("demo-printer"));
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor(daemon("demo-traffic"));
    DemoRuntime[] holder = new DemoRuntime[1];
    try (DemoRuntime runtime = DemoRuntime.start(settings,
        AiTrace.builder().serviceName("agent-team-demo").fromEnvironment().addExporter(traces),
        outcome -> printer.schedule(() -> {
          // the server span ends after the response; give it a moment, then export what has ended
          holder[0].aiTrace().flush();
          List<TraceTree> trees = TraceTree.of(traces.spansOf(outcome.traceId()));
          StringBuilder report = new StringBuilder("\n== request from " + outcome.request().user() + ": \""
              + outcome.request().brief() + "\"\n");
          trees.forEach(t -> report.append(Waterfall.render(t)));
          report.append(DemoReport.outcome(outcome, holder[0].scores())).append('\n');
          out.print(report);
        }, 300, TimeUnit.MILLISECONDS))) {
      holder[0] = runtime;
      String url = runtime.agencyUrl() + AgencyServlet.PATH;
      out.println("aitrace agent-team demo, served mode");
      out.println("  OpenAI endpoint: " + runtime.openAiEndpoint(settings) + ", model " + settings.chatModel());
      out.println("  agency:          " + url + " (trace filter in front; answers carry X-Trace-ID)");
      out.println("  try:  curl -i -d 'Write a market analysis for ACME' '" + url + "?user=me&category=consulting'");
      out.println("  background traffic: one scripted brief every " + settings.trafficInterval().toSeconds()
          + " s; Ctrl-C stops");
      List<ClientRequest> script = ClientRequest.SCRIPT;
      traffic.scheduleWithFixedDelay(() -> {
        ClientRequest request = script.get(sent.getAndIncrement() % script.size());
        try {
          DemoRuntime.Outcome outcome = runtime.send(request);
          out.println("  [traffic] " + request.user() + "/" + request.budgetCategory() + " "
              + DemoReport.outcome(outcome, runtime.scores()));
        } catch (RuntimeException e) {
          out.println("  [traffic] " + request.user() + ": " + e.getMessage());
        }
      }, 0, settings.trafficInterval().toMillis(), TimeUnit.MILLISECONDS);
      runtime.server().join();
    } finally {
      traffic.shutdownNow();
      printer.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
