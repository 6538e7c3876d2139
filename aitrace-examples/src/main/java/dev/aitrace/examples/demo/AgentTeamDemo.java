package dev.aitrace.examples.demo;

import dev.aitrace.AiTrace;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;

/** The agent-team demo. For now it traces a manager and a recruiter and prints the spans. */
public final class AgentTeamDemo {
  private AgentTeamDemo() {}

  public static void main(String[] args) {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (AiTrace aiTrace = AiTrace.builder().serviceName("agent-team-demo").addExporter(spans).build()) {
      aiTrace.agents().invokeAgent("manager", () -> aiTrace.agents().invokeAgent("recruiter", () -> {}));
      aiTrace.flush();
      for (SpanRecord span : spans.getFinishedSpans()) {
        System.out.printf("%s %s parent=%s %s%n", span.traceId(), span.spanId(), span.parentSpanId(), span.name());
      }
    }
  }
}
