package dev.aitrace.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.aitrace.internal.SelfLog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * Appends each span as one JSON object per line to a file: easy to {@code grep}, {@code jq} or load
 * into a notebook. The fields are those of OTLP, flattened: {@code traceId}, {@code spanId}, {@code
 * parentSpanId}, {@code name}, {@code kind}, {@code startEpochNanos}, {@code endEpochNanos}, {@code
 * durationMs}, {@code status}, {@code serviceName}, {@code scope}, {@code attributes} (a JSON
 * object), {@code events}, {@code links}. The file and its parent directories are created when
 * missing; existing content is kept. {@link #flush()} forces the data to the disk.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * AiTrace aiTrace = AiTrace.builder()
 *     .addExporter(JsonLinesSpanExporter.create(Path.of("spans.jsonl")))
 *     .build();
 * }</pre>
 */
public final class JsonLinesSpanExporter implements SpanExporter {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final Path path;
  private final FileChannel channel;
  private final BufferedOutputStream out;
  private JsonGenerator gen;
  private boolean closed;

  private JsonLinesSpanExporter(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.gen = FACTORY.createGenerator(out);
  }

  /**
   * Opens {@code path} for appending, creating it and its parent directories when missing.
   *
   * @throws IllegalArgumentException naming the path when it cannot be opened for writing
   */
  public static JsonLinesSpanExporter create(Path path) {
    return open("path", requireNonNull(path, "path").toString());
  }

  /** Like {@link #create}, with a message naming the configuration key the path came from. */
  static JsonLinesSpanExporter open(String key, String path) {
    try {
      Path file = Path.of(path).toAbsolutePath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new JsonLinesSpanExporter(file, channel);
    } catch (IOException | InvalidPathException | UnsupportedOperationException | SecurityException e) {
      throw new IllegalArgumentException(
          key + " cannot be opened for appending spans, was '" + path + "': " + e, e);
    }
  }

  /** The file spans are appended to. */
  public Path path() {
    return path;
  }

  @Override
  public synchronized ExportResult export(Collection<SpanRecord> batch) {
    if (closed) {
      return ExportResult.FAILURE;
    }
    try {
      for (SpanRecord span : batch) {
        SpanJson.writeSpan(gen, span);
        gen.writeRaw('\n');
      }
      gen.flush();
      return ExportResult.SUCCESS;
    } catch (IOException | RuntimeException e) {
      SelfLog.fault("JsonLinesSpanExporter.export " + path, e);
      reset();
      return ExportResult.FAILURE;
    }
  }

  @Override
  public synchronized ExportResult flush() {
    if (closed) {
      return ExportResult.SUCCESS;
    }
    try {
      gen.flush();
      channel.force(false);
      return ExportResult.SUCCESS;
    } catch (IOException e) {
      SelfLog.fault("JsonLinesSpanExporter.flush " + path, e);
      return ExportResult.FAILURE;
    }
  }

  @Override
  public synchronized void shutdown() {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    try {
      gen.close();
      out.close();
    } catch (IOException e) {
      SelfLog.fault("JsonLinesSpanExporter.shutdown " + path, e);
    }
  }

  /** After a failed write the generator may sit inside a half-written object: start a fresh line. */
  private void reset() {
    try {
      out.write('\n');
      gen = FACTORY.createGenerator(out);
    } catch (IOException e) {
      SelfLog.fault("JsonLinesSpanExporter.reset " + path, e);
    }
  }

  @Override
  public String toString() {
    return "JsonLinesSpanExporter{path=" + path + "}";
  }
}
