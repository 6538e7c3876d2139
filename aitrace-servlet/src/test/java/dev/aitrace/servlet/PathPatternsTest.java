package dev.aitrace.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {
  @Test
  void exactPattern_matchesOnlyThatPath() {
    PathPatterns p = PathPatterns.of(List.of("/health"));
    assertThat(p.matches("/health")).isTrue();
    assertThat(p.matches("/health/")).isFalse();
    assertThat(p.matches("/healthz")).isFalse();
    assertThat(p.matches("/api/health")).isFalse();
  }

  @Test
  void prefixPattern_matchesThePathAndEverythingBelow_butNotASiblingWithTheSameStart() {
    PathPatterns p = PathPatterns.of(List.of("/static/*"));
    assertThat(p.matches("/static")).isTrue();
    assertThat(p.matches("/static/")).isTrue();
    assertThat(p.matches("/static/css/site.css")).isTrue();
    assertThat(p.matches("/staticfiles/x")).isFalse();
    assertThat(PathPatterns.of(List.of("/*")).matches("/anything/at/all")).isTrue();
  }

  @Test
  void extensionPattern_matchesByEnding() {
    PathPatterns p = PathPatterns.of(List.of("*.css", "*.js"));
    assertThat(p.matches("/a/b/site.css")).isTrue();
    assertThat(p.matches("/app.js")).isTrue();
    assertThat(p.matches("/app.json")).isFalse();
  }

  @Test
  void globs_starWithinASegment_doubleStarAcrossSegments() {
    PathPatterns oneSegment = PathPatterns.of(List.of("/api/*/ping"));
    assertThat(oneSegment.matches("/api/v1/ping")).isTrue();
    assertThat(oneSegment.matches("/api/v1/x/ping")).isFalse();
    PathPatterns anyDepth = PathPatterns.of(List.of("/assets/**/*.png"));
    assertThat(anyDepth.matches("/assets/logo.png")).isTrue();
    assertThat(anyDepth.matches("/assets/img/icons/logo.png")).isTrue();
    assertThat(anyDepth.matches("/assets/img/logo.svg")).isFalse();
    assertThat(PathPatterns.of(List.of("/internal/**")).matches("/internal/a/b")).isTrue();
  }

  @Test
  void regexCharacters_inPatterns_areLiteral() {
    PathPatterns p = PathPatterns.of(List.of("/v1.0/*/status"));
    assertThat(p.matches("/v1.0/a/status")).isTrue();
    assertThat(p.matches("/v1x0/a/status")).isFalse();
  }

  @Test
  void patternsThatCannotMatchAPath_failNamingThePattern() {
    for (String bad : List.of("health", "", " ", "*", "*.")) {
      assertThatThrownBy(() -> PathPatterns.of(List.of("/ok", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
