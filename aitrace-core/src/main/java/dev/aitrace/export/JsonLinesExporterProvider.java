package dev.aitrace.export;

import java.util.function.Function;

/**
 * Provides the {@code jsonl} exporter, a {@link JsonLinesSpanExporter} writing to {@code
 * AITRACE_JSONL_PATH} (default {@code aitrace-spans.jsonl} in the working directory). Found through
 * {@link java.util.ServiceLoader}.
 */
public final class JsonLinesExporterProvider implements SpanExporterProvider {
  static final String PATH_KEY = "AITRACE_JSONL_PATH";
  static final String DEFAULT_PATH = "aitrace-spans.jsonl";

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public SpanExporter create(Function<String, String> config, String serviceName) {
    String path = config.apply(PATH_KEY);
    return JsonLinesSpanExporter.open(PATH_KEY, path == null ? DEFAULT_PATH : path);
  }
}
