package dev.codegen.gateway.auth;

import dev.codegen.gateway.database.DatabaseUnavailable;
import dev.codegen.gateway.problem.Problem;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.wire.EventJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request but health, the API description and the static pages presents a key, as {@code
 * Authorization: Bearer <key>} or {@code X-API-Key: <key>}. The resolved {@link Caller} is put on
 * the request for the controllers; admin endpoints (and {@code /metrics}, unless configured public)
 * need an admin key. Refusals are problem details: 401 with {@code WWW-Authenticate}, or 403.
 */
class ApiKeyFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
  private static final String CHALLENGE = "Bearer realm=\"codegen\"";

  private final ApiKeys keys;
  private final boolean metricsPublic;

  ApiKeyFilter(ApiKeys keys, boolean metricsPublic) {
    this.keys = keys;
    this.metricsPublic = metricsPublic;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (open(path)) {
      chain.doFilter(request, response);
      return;
    }
    PresentedKey presented =
        PresentedKey.of(
            request.getHeader("Authorization"), request.getHeader(PresentedKey.API_KEY_HEADER));
    if (!presented.usable()) {
      unauthorized(request, response, presented.problem(), presented.present());
      return;
    }
    Optional<Caller> caller;
    try {
      caller = keys.resolve(presented.key());
    } catch (RuntimeException e) {
      if (!DatabaseUnavailable.means(e)) {
        throw e;
      }
      log.warn("database unavailable while checking a key on {}: {}", path, e.toString());
      response.setHeader("Retry-After", "5");
      write(
          request,
          response,
          ProblemType.UNAVAILABLE,
          "the key store is unavailable, try again shortly");
      return;
    }
    if (caller.isEmpty()) {
      unauthorized(
          request, response, "the API key is not valid (unknown, rotated or revoked)", true);
      return;
    }
    if (adminOnly(path) && !caller.get().admin()) {
      write(request, response, ProblemType.FORBIDDEN, "this endpoint needs an admin key");
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, caller.get());
    chain.doFilter(request, response);
  }

  /**
   * Health, the API description and the static pages that read it (the dashboard, the API docs and
   * Swagger UI's own files): the pages hold no data, and every request they make presents a key.
   */
  static boolean open(String path) {
    return under(path, "/health")
        || path.equals("/openapi.yaml")
        || under(path, "/dashboard")
        || under(path, "/docs")
        || under(path, "/webjars/swagger-ui");
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private boolean adminOnly(String path) {
    return path.equals("/admin")
        || path.startsWith("/admin/")
        || (!metricsPublic && (path.equals("/metrics") || path.startsWith("/metrics/")));
  }

  private static void unauthorized(
      HttpServletRequest request, HttpServletResponse response, String detail, boolean invalid)
      throws IOException {
    // RFC 6750: a request without credentials gets the bare challenge, a bad key invalid_token.
    response.setHeader(
        "WWW-Authenticate", invalid ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
    write(request, response, ProblemType.UNAUTHORIZED, detail);
  }

  private static void write(
      HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    Problem problem = Problem.of(type, detail, request.getRequestURI());
    response.setStatus(type.status().value());
    response.setContentType(Problem.MEDIA_TYPE.toString());
    response.getOutputStream().write(EventJson.write(problem).getBytes(StandardCharsets.UTF_8));
  }
}
