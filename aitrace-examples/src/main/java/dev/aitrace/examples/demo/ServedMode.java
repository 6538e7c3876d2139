package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Served mode: the agency keeps running on {@code http://localhost:8080} (or {@code --port=N}) behind
 * the trace filter, the script's clients send a brief every few seconds (one line each), and every
 * request someone else sends, with curl for instance, gets its full trace printed. {@link #run} runs
 * until the process is stopped.
 */
final class ServedMode implements AutoCloseable {
  /** How long after a response its trace is printed: the server span ends once the response is sent. */
  private static final long PRINT_DELAY_MILLIS = 300;

  private final RecentTraces traces = new RecentTraces(300);
  private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(daemon("demo-printer"));
  private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor(daemon("demo-traffic"));
  private final AtomicInteger sent = new AtomicInteger();
  private final PrintStream out;
  private final DemoRuntime runtime;

  private ServedMode(DemoSettings settings, PrintStream out) throws Exception {
    this.out = out;
    this.runtime = DemoRuntime.start(settings,
        AiTrace.builder().serviceName("agent-team-demo").fromEnvironment().addExporter(traces),
        outcome -> printer.schedule(() -> print(outcome), PRINT_DELAY_MILLIS, TimeUnit.MILLISECONDS));
    String url = agencyUrl();
    out.println("aitrace agent-team demo, served mode");
    out.println("  OpenAI endpoint: " + runtime.openAiEndpoint(settings) + ", model " + settings.chatModel());
    out.println("  agency:          " + url + " (trace filter in front; answers carry X-Trace-ID)");
    out.println("  try:  curl -i -d 'Write a market analysis for ACME' '" + url + "?user=me&category=consulting'");
    out.println("  background traffic: one scripted brief every " + settings.trafficInterval().toMillis()
        + " ms; Ctrl-C stops");
    traffic.scheduleWithFixedDelay(this::sendNext, 0, settings.trafficInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts serving and sending background traffic. */
  static ServedMode start(DemoSettings settings, PrintStream out) throws Exception {
    return new ServedMode(settings, out);
  }

  /** Serves until the process is stopped. */
  static void run(DemoSettings settings, PrintStream out) throws Exception {
    try (ServedMode served = start(settings, out)) {
      served.runtime.server().join();
    }
  }

  /** The agency's {@code POST /requests} URL. */
  String agencyUrl() {
    return runtime.agencyUrl() + AgencyServlet.PATH;
  }

  private void sendNext() {
    List<ClientRequest> script = ClientRequest.SCRIPT;
    ClientRequest request = script.get(sent.getAndIncrement() % script.size());
    try {
      DemoRuntime.Outcome outcome = runtime.send(request);
      out.println("  [traffic] " + request.user() + "/" + request.budgetCategory() + " "
          + DemoReport.outcome(outcome, runtime.scores()));
    } catch (RuntimeException e) {
      // keep the traffic going: one failed request (the server stopping, say) must not end the schedule
      out.println("  [traffic] " + request.user() + ": " + e.getMessage());
    }
  }

  private void print(DemoRuntime.Outcome outcome) {
    runtime.aiTrace().flush();
    StringBuilder report = new StringBuilder("\n== request from " + outcome.request().user() + ": \""
        + outcome.request().brief() + "\"\n");
    TraceTree.of(traces.spansOf(outcome.traceId())).forEach(t -> report.append(Waterfall.render(t)));
    report.append(DemoReport.outcome(outcome, runtime.scores())).append('\n');
    out.print(report);
  }

  @Override
  public void close() throws Exception {
    traffic.shutdownNow();
    printer.shutdownNow();
    runtime.close();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
