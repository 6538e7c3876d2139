package dev.aitrace.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The service side of the protocol: the body it forwards, malformed instructions, its port. */
class ConformanceServiceTest extends ConformanceTestBase {
  @Test
  void arguments_arePostedAsTheJsonBody_andTheAnswerCarriesTheTraceId() throws Exception {
    String nested = "[{\"url\":\"" + harness.url("next.0") + "\",\"arguments\":[]}]";
    String body = "[{\"url\": \"" + harness.url("scope.0") + "\", \"arguments\": " + nested + "}]";
    String traceIdHeader;
    try (Response response = harnessClient.newCall(new Request.Builder().url(service.endpoint())
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      traceIdHeader = response.header("X-Trace-ID");
    }
    Harness.Callback callback = harness.take(1).get(0);
    assertThat(callback.body()).isEqualTo(nested);
    assertThat(callback.values("Content-Type")).singleElement().asString().startsWith("application/json");
    assertThat(traceparent(callback).group(2)).isEqualTo(traceIdHeader);
    assertThat(callback.values("X-Trace-ID")).containsExactly(traceIdHeader);
  }

  @Test
  void malformedInstructions_get400_andNoCall_withoutEchoingTheInput() throws Exception {
    for (String body : List.of("{not json <script>", "[{\"arguments\": []}]", "42", "[1, 2]")) {
      try (Response response = harnessClient.newCall(new Request.Builder().url(service.endpoint())
          .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
        assertThat(response.code()).as(body).isEqualTo(400);
        assertThat(response.body().string()).doesNotContain("<script>");
      }
    }
    assertThat(harness.remaining()).isEmpty();
  }

  @Test
  void port_comesFromTheArgument_thenTheEnvironment_elseIs5000() {
    assertThat(ConformanceService.port(new String[0], key -> null)).isEqualTo(5000);
    assertThat(ConformanceService.port(new String[0], key -> key.equals("CONFORMANCE_PORT") ? "5100" : null)).isEqualTo(5100);
    assertThat(ConformanceService.port(new String[] {"5200"}, key -> "5100")).isEqualTo(5200);
    assertThatThrownBy(() -> ConformanceService.port(new String[] {"http"}, key -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http'");
    assertThatThrownBy(() -> ConformanceService.port(new String[0], key -> "70000"))
        .hasMessageContaining("CONFORMANCE_PORT").hasMessageContaining("'70000'");
  }
}
