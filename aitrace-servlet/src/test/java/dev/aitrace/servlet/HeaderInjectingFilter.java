package dev.aitrace.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Put in front of the {@link TraceFilter}, it presents request header values that no HTTP/1.1
 * parser lets through, such as a value holding CR/LF, as a lenient container, a proxy adapter or
 * another filter could hand them on. The test sends {@code X-Test-Header: <name>:<base64 value>}.
 */
final class HeaderInjectingFilter implements Filter {
  static final String CONTROL = "X-Test-Header";

  static String control(String name, String rawValue) {
    return name + ":" + Base64.getEncoder().encodeToString(rawValue.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String control = http.getHeader(CONTROL);
    if (control == null) {
      chain.doFilter(request, response);
      return;
    }
    int colon = control.indexOf(':');
    String name = control.substring(0, colon);
    String value = new String(Base64.getDecoder().decode(control.substring(colon + 1)), StandardCharsets.ISO_8859_1);
    chain.doFilter(new HttpServletRequestWrapper(http) {
      @Override
      public String getHeader(String header) {
        return header.equalsIgnoreCase(name) ? value : super.getHeader(header);
      }

      @Override
      public Enumeration<String> getHeaders(String header) {
        return header.equalsIgnoreCase(name) ? Collections.enumeration(List.of(value)) : super.getHeaders(header);
      }

      @Override
      public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
        if (names.stream().noneMatch(n -> n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))) {
          names.add(name);
        }
        return Collections.enumeration(names);
      }
    }, response);
  }
}
