package dev.aitrace.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aitrace.internal.SelfLog;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each span as one line at INFO on the SLF4J logger {@value #LOGGER_NAME}, for development and
 * for platforms that ship logs rather than traces. The line reads {@code span 'chat gpt-4o' CLIENT
 * 812.4 ms OK trace=... span=... parent=... attributes={...}}; turn the logger off to silence it.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder().addExporter(LoggingSpanExporter.create()).build();
 * }</pre>
 */
public final class LoggingSpanExporter implements SpanExporter {
  /** The logger spans are written to. */
  public static final String LOGGER_NAME = "dev.aitrace.spans";

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Logger logger;

  LoggingSpanExporter(Logger logger) {
    this.logger = logger;
  }

  public static LoggingSpanExporter create() {
    return new LoggingSpanExporter(LoggerFactory.getLogger(LOGGER_NAME));
  }

  @Override
  public ExportResult export(Collection<SpanRecord> batch) {
    if (!logger.isInfoEnabled()) {
      return ExportResult.SUCCESS;
    }
    for (SpanRecord span : batch) {
      try {
        logger.info(
            "span '{}' {} {} ms {} trace={} span={} parent={} attributes={}{}",
            span.name(),
            span.kind(),
            String.format("%.1f", span.durationNanos() / 1_000_000.0),
            status(span),
            span.traceId(),
            span.spanId(),
            span.parentSpanId().isEmpty() ? "-" : span.parentSpanId(),
            attributes(span),
            span.events().isEmpty() ? "" : " events=" + span.events().size());
      } catch (IOException | RuntimeException e) {
        SelfLog.fault("LoggingSpanExporter.export", e);
        return ExportResult.FAILURE;
      }
    }
    return ExportResult.SUCCESS;
  }

  private static String status(SpanRecord span) {
    String description = span.statusDescription();
    return description.isEmpty() ? span.statusCode().name() : span.statusCode() + "(" + description + ")";
  }

  private static String attributes(SpanRecord span) throws IOException {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      SpanJson.writeAttributes(gen, span.attributes());
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "LoggingSpanExporter{logger=" + logger.getName() + "}";
  }
}
