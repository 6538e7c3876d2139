package dev.aitrace.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.AiTrace;
import dev.aitrace.Attribution;
import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingInterceptorTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final AiTrace aiTrace =
      AiTrace.builder().serviceName("client").addExporter(spans).shutdownHook(false).build();
  private final MockWebServer server = new MockWebServer();
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = new OkHttpClient.Builder().addInterceptor(TracingInterceptor.create(aiTrace)).build();
  }

  @AfterEach
  void stop() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    aiTrace.close();
  }

  private List<SpanRecord> finished() {
    aiTrace.flush();
    return spans.getFinishedSpans();
  }

  private SpanRecord clientSpan() {
    return finished().stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
  }

  @Test
  void get_recordsAClientSpan_andSendsTheTraceToTheServer() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Span parent = aiTrace.tracer().spanBuilder("app").startSpan();
    Attribution who = Attribution.builder().userId("u-42").budgetCategory("it").build();
    try (Scope s = Context.current().with(parent).with(who).makeCurrent();
        Response response = client.newCall(new Request.Builder().url(server.url("/v1/items?limit=5"))
            .header("traceparent", "00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01")
            .header("X-Trace-ID", "caller-set").build()).execute()) {
      assertThat(response.body().string()).isEqualTo("ok");
    } finally {
      parent.end();
    }
    RecordedRequest received = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(finished()).extracting(SpanRecord::name).containsExactly("GET", "app"); // ended once each
    SpanRecord span = clientSpan();

    assertThat(received.getHeaders().values("traceparent"))
        .containsExactly("00-" + span.traceId() + "-" + span.spanId() + "-01");
    assertThat(received.getHeaders().values("X-Trace-ID")).containsExactly(span.traceId());
    assertThat(received.getHeaders().get("baggage")).isEqualTo("aitrace.budget.category=it,aitrace.user.id=u-42");
    assertThat(span.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(span.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(span.name()).isEqualTo("GET");
    assertThat(span.scopeName()).isEqualTo(TracingInterceptor.SCOPE);
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get(HttpAttributes.REQUEST_METHOD)).isEqualTo("GET");
    assertThat(span.attributes().get(HttpAttributes.URL_FULL)).isEqualTo(server.url("/v1/items?limit=5").toString());
    assertThat(span.attributes().get(HttpAttributes.SERVER_ADDRESS)).isEqualTo(server.url("/").host());
    assertThat(span.attributes().get(HttpAttributes.SERVER_PORT)).isEqualTo((long) server.getPort());
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(span.attributes().get(HttpAttributes.NETWORK_PROTOCOL_VERSION)).isEqualTo("1.1");
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isNull();
    assertThat(span.attributes().get(Attribution.USER_ID)).isEqualTo("u-42");
  }

  @Test
  void serverError_givesAnErrorSpan_andTheResponseToTheCaller() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).body("boom").build());
    try (Response response = client.newCall(new Request.Builder().url(server.url("/fail"))
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build()).execute()) {
      assertThat(response.code()).isEqualTo(500);
      assertThat(response.body().string()).isEqualTo("boom");
    }
    SpanRecord span = clientSpan();
    assertThat(span.name()).isEqualTo("POST");
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("500");
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(500L);
    assertThat(span.parentSpanContext().isValid()).isFalse();
  }

  @Test
  void connectionFailure_rethrowsTheIoException_andRecordsAnErrorSpan() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpUrl url = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(closedPort).build();
    assertThatThrownBy(() -> client.newCall(new Request.Builder().url(url).build()).execute())
        .isInstanceOf(ConnectException.class);
    SpanRecord span = clientSpan();
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("java.net.ConnectException");
    assertThat(span.events()).extracting(e -> e.name()).containsExactly("exception");
    assertThat(span.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isNull();
  }

  @Test
  void asNetworkInterceptor_aConnectionFailureMakesNoSpan_andStillReachesTheCaller() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    OkHttpClient networkLevel =
        new OkHttpClient.Builder().addNetworkInterceptor(TracingInterceptor.create(aiTrace)).build();
    HttpUrl url = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(closedPort).build();
    assertThatThrownBy(() -> networkLevel.newCall(new Request.Builder().url(url).build()).execute())
        .isInstanceOf(ConnectException.class);
    assertThat(finished()).isEmpty();
  }

  @Test
  void theApplicationsIoException_passesThroughAsTheSameInstance() {
    IOException boom = new IOException("disk full");
    OkHttpClient failing = new OkHttpClient.Builder()
        .addInterceptor(TracingInterceptor.create(aiTrace))
        .addInterceptor(chain -> {
          throw boom;
        })
        .build();
    assertThatThrownBy(() -> failing.newCall(new Request.Builder().url(server.url("/")).build()).execute())
        .isSameAs(boom);
    SpanRecord span = clientSpan();
    assertThat(span.attributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("java.io.IOException");
    assertThat(span.statusDescription()).isEqualTo("disk full");
  }

  @Test
  void secrets_areNeverRecorded() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Set-Cookie", "sid=cookie-secret").build());
    HttpUrl url = server.url("/search").newBuilder().username("bob").password("pw-secret")
        .addQueryParameter("q", "shoes").addQueryParameter("api_key", "key-secret")
        .addQueryParameter("access_token", "token-secret").addQueryParameter("sig", "sig-secret")
        .fragment("frag-secret").build();
    try (Response ignored = client.newCall(new Request.Builder().url(url)
        .header("Authorization", "Bearer sk-secret").header("X-Api-Key", "hdr-secret")
        .header("Cookie", "sid=cookie-secret").build()).execute()) {
      // the body is not read: the span must be complete anyway
    }
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer sk-secret");
    SpanRecord span = clientSpan();
    assertThat(span.attributes().get(HttpAttributes.URL_FULL)).isEqualTo("http://REDACTED:REDACTED@"
        + url.host() + ":" + url.port() + "/search?q=shoes&api_key=REDACTED&access_token=REDACTED&sig=REDACTED");
    assertThat(span.attributes().asMap().values()).allSatisfy(v -> assertThat(String.valueOf(v))
        .doesNotContain("secret", "bob"));
    assertThat(span.attributes().asMap().keySet()).noneSatisfy(k -> assertThat(k.getKey()).containsIgnoringCase("header"));
  }

  @Test
  void networkInterceptor_makesOneSpanPerRequestOnTheWire_applicationInterceptorOnePerCall() throws Exception {
    OkHttpClient networkLevel =
        new OkHttpClient.Builder().addNetworkInterceptor(TracingInterceptor.create(aiTrace)).build();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/target").build());
    server.enqueue(new MockResponse.Builder().code(200).body("here").build());
    try (Response response = networkLevel.newCall(new Request.Builder().url(server.url("/start")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("here");
    }
    String first = server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("traceparent");
    String second = server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("traceparent");
    List<SpanRecord> network = finished();
    assertThat(network).extracting(s -> s.attributes().get(HttpAttributes.RESPONSE_STATUS_CODE))
        .containsExactly(302L, 200L);
    assertThat(first).contains(network.get(0).spanId());
    assertThat(second).contains(network.get(1).spanId());
    assertThat(network.get(0).statusCode()).isEqualTo(StatusCode.UNSET);

    spans.reset();
    OkHttpClient app = new OkHttpClient.Builder().addInterceptor(TracingInterceptor.create(aiTrace)).build();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/target").build());
    server.enqueue(new MockResponse.Builder().code(200).body("here").build());
    try (Response response = app.newCall(new Request.Builder().url(server.url("/start")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("here");
    }
    List<SpanRecord> application = finished();
    assertThat(application).hasSize(1);
    assertThat(application.get(0).attributes().get(HttpAttributes.RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(application.get(0).attributes().get(HttpAttributes.URL_FULL)).endsWith("/start");
  }

  @Test
  void enqueue_throughContextCapturing_keepsTheCallersParent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    Call.Factory calls = TracingInterceptor.contextCapturing(client);
    CompletableFuture<Integer> done = new CompletableFuture<>();
    Span parent = aiTrace.tracer().spanBuilder("app").startSpan();
    try (Scope s = parent.makeCurrent()) {
      calls.newCall(new Request.Builder().url(server.url("/async")).build()).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          done.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          response.close();
          done.complete(response.code());
        }
      });
    }
    assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(204);
    parent.end();
    SpanRecord span = clientSpan();
    assertThat(span.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(span.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }

  @Test
  void afterClose_theCallersTraceIsStillPropagated() throws Exception {
    aiTrace.close();
    server.enqueue(new MockResponse.Builder().code(200).build());
    io.opentelemetry.api.trace.SpanContext remote = io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(
        "12345678901234567890123456789012", "1234567890123456",
        io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault());
    try (Scope s = Context.root().with(Span.wrap(remote)).makeCurrent();
        Response ignored = client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
      // nothing to read
    }
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("traceparent"))
        .isEqualTo("00-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  void unknownMethod_isRecordedAsOther() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    try (Response ignored = client.newCall(new Request.Builder().url(server.url("/")).method("PROPFIND", null)
        .build()).execute()) {
      // nothing to read
    }
    SpanRecord span = clientSpan();
    assertThat(span.name()).isEqualTo("HTTP");
    assertThat(span.attributes().get(HttpAttributes.REQUEST_METHOD)).isEqualTo("_OTHER");
    assertThat(span.attributes().get(HttpAttributes.REQUEST_METHOD_ORIGINAL)).isEqualTo("PROPFIND");
  }
}
