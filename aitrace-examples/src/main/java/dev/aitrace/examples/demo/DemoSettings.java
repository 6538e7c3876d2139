package dev.aitrace.examples.demo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Function;

/**
 * How the demo runs. Without {@code OPENAI_API_KEY} it talks to the embedded fake OpenAI server;
 * with it, to {@code OPENAI_BASE_URL} (default api.openai.com) with a cheap model ({@code
 * AITRACE_DEMO_MODEL}, default {@code gpt-4o-mini}) and only a couple of requests. Arguments:
 * {@code --serve} keeps a server running, {@code --port=N} picks its port (default 8080).
 */
record DemoSettings(
    String apiKey,
    String openAiBaseUrl,
    String chatModel,
    String embeddingModel,
    boolean serve,
    String host,
    int port,
    boolean fastFake,
    Duration trafficInterval) {

  static final int DEFAULT_PORT = 8080;

  DemoSettings {
    requireNonNull(chatModel, "chatModel");
    requireNonNull(embeddingModel, "embeddingModel");
    requireNonNull(host, "host");
    requireNonNull(trafficInterval, "trafficInterval");
  }

  boolean useFake() {
    return apiKey == null;
  }

  /** Reads the command line and then {@code config} (system properties and environment in the demo). */
  static DemoSettings from(String[] args, Function<String, String> config) {
    boolean serve = false;
    int port = DEFAULT_PORT;
    for (String arg : args) {
      if (arg.equals("--serve")) {
        serve = true;
      } else if (arg.startsWith("--port=")) {
        port = port(arg.substring("--port=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'; use --serve and --port=N");
      }
    }
    String apiKey = blankToNull(config.apply("OPENAI_API_KEY"));
    String model = blankToNull(config.apply("AITRACE_DEMO_MODEL"));
    return new DemoSettings(apiKey, blankToNull(config.apply("OPENAI_BASE_URL")),
        model == null ? "gpt-4o-mini" : model, "text-embedding-3-small", serve, "localhost", port, false,
        Duration.ofSeconds(4));
  }

  static DemoSettings from(String[] args) {
    return from(args, key -> {
      String value = System.getProperty(key);
      return value != null ? value : System.getenv(key);
    });
  }

  /** For tests: the fake with no latency, an unserved agency on a free port. */
  static DemoSettings fastLocal() {
    return new DemoSettings(null, null, "gpt-4o-mini", "text-embedding-3-small", false, "127.0.0.1", 0, true,
        Duration.ofMillis(50));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535: '" + value + "'");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
