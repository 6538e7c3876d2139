package dev.aitrace.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAttributesTest {
  @Test
  void protocolVersions_areSpelledAsTheConventionsSpellThem() {
    assertThat(RequestAttributes.protocolVersion("HTTP/1.1")).isEqualTo("1.1");
    assertThat(RequestAttributes.protocolVersion("HTTP/1.0")).isEqualTo("1.0");
    assertThat(RequestAttributes.protocolVersion("HTTP/2.0")).isEqualTo("2");
    assertThat(RequestAttributes.protocolVersion("HTTP/3.0")).isEqualTo("3");
    assertThat(RequestAttributes.protocolVersion("HTTP/")).isNull();
    assertThat(RequestAttributes.protocolVersion("SPDY/3")).isNull();
  }

  @Test
  void unknownMethods_nameTheSpanHttp() {
    assertThat(RequestAttributes.spanNameMethod("GET")).isEqualTo("GET");
    assertThat(RequestAttributes.spanNameMethod("get")).isEqualTo("HTTP");
    assertThat(RequestAttributes.spanNameMethod("PURGE")).isEqualTo("HTTP");
    assertThat(RequestAttributes.spanNameMethod(null)).isEqualTo("HTTP");
  }
}
