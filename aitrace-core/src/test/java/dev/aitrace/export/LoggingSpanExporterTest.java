package dev.aitrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitrace.AiTrace;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class LoggingSpanExporterTest {
  @Test
  void logsOneInfoLinePerSpan_withIdsDurationStatusAndAttributes() {
    LinkedBlockingQueue<SubstituteLoggingEvent> events = new LinkedBlockingQueue<>();
    SubstituteLogger logger = new SubstituteLogger(LoggingSpanExporter.LOGGER_NAME, events, false);
    List<SpanRecord> spans;
    try (AiTrace aiTrace = AiTrace.builder().addExporter(new LoggingSpanExporter(logger))
        .shutdownHook(false).build()) {
      spans = TestSpans.rich(aiTrace);
    }
    assertThat(events).hasSize(2);
    SubstituteLoggingEvent first = events.poll();
    assertThat(first.getLevel()).isEqualTo(Level.INFO);
    assertThat(first.getLoggerName()).isEqualTo("dev.aitrace.spans");
    String line = MessageFormatter.basicArrayFormat(first.getMessage(), first.getArgumentArray());
    assertThat(line)
        .startsWith("span 'chat gpt-4o' CLIENT 5.0 ms ERROR(rate limited)")
        .contains("trace=" + spans.get(0).traceId())
        .contains("span=" + spans.get(0).spanId())
        .contains("parent=" + spans.get(1).spanId())
        .contains("\"gen_ai.request.model\":\"gpt-4o\"")
        .contains("\"gen_ai.response.finish_reasons\":[\"stop\",\"length\"]")
        .endsWith(" events=1");
    String second = MessageFormatter.basicArrayFormat(events.peek().getMessage(), events.peek().getArgumentArray());
    assertThat(second).startsWith("span 'invoke_agent planner' SERVER 9.0 ms OK");
  }
}
