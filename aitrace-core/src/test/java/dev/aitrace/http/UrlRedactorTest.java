package dev.aitrace.http;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRedactorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://api.example.com/v1/chat|https://api.example.com/v1/chat",
      "https://u:p@example.com/|https://REDACTED:REDACTED@example.com/",
      "https://u@example.com/|https://REDACTED:REDACTED@example.com/",
      "https://example.com/a#frag|https://example.com/a",
      "https://example.com/?q=a%20b&page=2|https://example.com/?q=a%20b&page=2",
      "https://example.com/?key=k1&Key=k2&KEY|https://example.com/?key=REDACTED&Key=REDACTED&KEY",
      "https://example.com/?api%5Fkey=k&x-api-key=k|https://example.com/?api%5Fkey=REDACTED&x-api-key=REDACTED",
      "https://s3.example.com/o?X-Amz-Signature=s&X-Amz-Credential=c&X-Amz-Date=d"
          + "|https://s3.example.com/o?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&X-Amz-Date=d",
      "https://example.com/cb?code=c&state=s&client_secret=x|https://example.com/cb?code=REDACTED&state=s&client_secret=REDACTED",
      "https://example.com/?&&sig=s&|https://example.com/?&&sig=REDACTED&",
      "https://example.com/?monkey=banana|https://example.com/?monkey=banana"
  })
  void redactsCredentialsAndSecretQueryValues_keepsTheRest(String in, String out) {
    assertThat(UrlRedactor.redact(HttpUrl.get(in))).isEqualTo(out);
  }
}
