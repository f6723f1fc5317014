package io.doltsync.samples.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts a request id into the MDC (from {@code X-Request-Id}, or a new one), and, standing in for a real
 * login (Spring Security, a gateway), takes the {@code X-User} header as the request's user principal.
 */
@Component
public class RequestIdFilter extends OncePerRequestFilter {

  public static final String MDC_KEY = "requestId";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = request.getHeader("X-Request-Id");
    if (requestId == null || requestId.isBlank()) {
      requestId = UUID.randomUUID().toString().substring(0, 8);
    }
    response.setHeader("X-Request-Id", requestId);
    MDC.put(MDC_KEY, requestId);
    try {
      chain.doFilter(withUser(request, request.getHeader("X-User")), response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  private static HttpServletRequest withUser(HttpServletRequest request, String user) {
    if (user == null || user.isBlank()) {
      return request;
    }
    Principal principal = () -> user;
    return new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public String getRemoteUser() {
        return user;
      }
    };
  }
}
