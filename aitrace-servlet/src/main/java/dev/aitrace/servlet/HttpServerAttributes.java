package dev.aitrace.servlet;

import dev.aitrace.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;

/**
 * The attribute names the {@link TraceFilter} puts on its SERVER spans: the stable OpenTelemetry
 * HTTP server semantic conventions. {@code error.type}, {@code server.address} and {@code
 * server.port} are the same keys as in {@link GenAiAttributes}. Constants only.
 */
public final class HttpServerAttributes {
  public static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  /** The method as the client sent it, set only when {@link #HTTP_REQUEST_METHOD} is {@code _OTHER}. */
  public static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  /** The matched route template, such as {@code /api/*} or {@code /users/{id}}; absent when unknown. */
  public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  /** Recorded only when the filter is configured to; known secret parameters are redacted. */
  public static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  public static final AttributeKey<String> SERVER_ADDRESS = GenAiAttributes.SERVER_ADDRESS;
  public static final AttributeKey<Long> SERVER_PORT = GenAiAttributes.SERVER_PORT;
  /** The client behind any proxies ({@code Forwarded}/{@code X-Forwarded-For}), else the peer. */
  public static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  /** The address of the TCP peer, which is a proxy when there is one. */
  public static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  public static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
  /** {@code 1.0}, {@code 1.1}, {@code 2} or {@code 3}. */
  public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");
  public static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
  /** The exception class name, the status code of a 5xx response, or {@code timeout}. */
  public static final AttributeKey<String> ERROR_TYPE = GenAiAttributes.ERROR_TYPE;

  /** The value of {@link #HTTP_REQUEST_METHOD} for methods outside the known set. */
  public static final String OTHER_METHOD = "_OTHER";

  private HttpServerAttributes() {}

  /**
   * The key of a recorded request header: {@code http.request.header.<lowercase name>}, a string
   * array with one element per header line.
   */
  public static AttributeKey<List<String>> requestHeader(String name) {
    return AttributeKey.stringArrayKey("http.request.header." + name.toLowerCase(Locale.ROOT));
  }
}
