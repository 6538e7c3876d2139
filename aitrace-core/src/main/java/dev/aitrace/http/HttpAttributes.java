package dev.aitrace.http;

import dev.aitrace.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenTelemetry HTTP semantic-convention attribute names aitrace writes on HTTP client and
 * server spans. {@code server.address}, {@code server.port} and {@code error.type} are the same keys
 * the AI-call spans use ({@link GenAiAttributes}).
 */
public final class HttpAttributes {
  private HttpAttributes() {}

  public static final AttributeKey<String> REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  /** The method as sent, when {@link #REQUEST_METHOD} had to be {@code _OTHER}. */
  public static final AttributeKey<String> REQUEST_METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  public static final AttributeKey<Long> RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  /** The full URL of a client request, credentials and secret query values redacted. */
  public static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  public static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  /** {@code 1.0}, {@code 1.1}, {@code 2} or {@code 3}. */
  public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");
  public static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  /** The address of the TCP peer of a server, which is a proxy when there is one. */
  public static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  public static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
  public static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
  public static final AttributeKey<String> SERVER_ADDRESS = GenAiAttributes.SERVER_ADDRESS;
  public static final AttributeKey<Long> SERVER_PORT = GenAiAttributes.SERVER_PORT;
  public static final AttributeKey<String> ERROR_TYPE = GenAiAttributes.ERROR_TYPE;

  /** What {@link #REQUEST_METHOD} holds for a method the conventions do not know. */
  public static final String OTHER_METHOD = "_OTHER";

  private static final Set<String> KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "QUERY");

  /**
   * {@code method} when it is one the HTTP conventions name (case-sensitive, as HTTP methods are),
   * else {@link #OTHER_METHOD}; the caller then records the original in {@link
   * #REQUEST_METHOD_ORIGINAL}.
   */
  public static String knownMethod(String method) {
    return method != null && KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
  }

  /**
   * The key of a recorded request header: {@code http.request.header.<lowercase name>}, a string
   * array with one element per header line.
   */
  public static AttributeKey<List<String>> requestHeader(String name) {
    return AttributeKey.stringArrayKey("http.request.header." + name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code encodedQuery} with the value of each parameter whose name looks like a credential
   * replaced by {@code REDACTED}, by the same rule as {@code url.full} (see {@link
   * TracingInterceptor}); for {@code url.query}.
   */
  public static String redactQuery(String encodedQuery) {
    return UrlRedactor.redactQuery(encodedQuery);
  }
}
