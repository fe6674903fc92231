package dev.codegen.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the few paths the endpoint serves. Every answer is computed in full before the first byte
 * goes out, so a failure can still become a clean 500 without a stack trace.
 */
final class OpsHandler implements HttpHandler {

  /** The Prometheus text format, the scrape default. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** OpenMetrics, for scrapers that ask for it in {@code Accept} (as actuator does). */
  static final String OPENMETRICS_TEXT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final String JSON = "application/json";
  private static final String PLAIN = "text/plain; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(OpsHandler.class);

  private final PrometheusMeterRegistry registry;
  private final Health health;

  OpsHandler(PrometheusMeterRegistry registry, Health health) {
    this.registry = registry;
    this.health = health;
  }

  private record Answer(int status, String contentType, byte[] body) {

    static Answer text(int status, String body) {
      return new Answer(status, PLAIN, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer health(Health.Report report) {
      return new Answer(
          report.up() ? 200 : 503, JSON, report.json().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = answer(exchange);
      } catch (IOException | RuntimeException e) {
        log.warn("ops endpoint failed on {}: {}", exchange.getRequestURI().getPath(), e.toString());
        answer = Answer.text(500, "Internal Server Error\n");
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(answer.body());
      }
    }
  }

  private Answer answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!known(path)) {
      return Answer.text(404, "Not Found\n");
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      return Answer.text(405, "Method Not Allowed\n");
    }
    return switch (path) {
      case "/metrics" -> metrics(exchange.getRequestHeaders().getFirst("Accept"));
      case "/health/liveness" -> Answer.health(health.liveness());
      case "/health/readiness" -> Answer.health(health.readiness());
      default -> Answer.health(health.overall());
    };
  }

  private static boolean known(String path) {
    return switch (path) {
      case "/metrics", "/health", "/health/liveness", "/health/readiness" -> true;
      default -> false;
    };
  }

  private Answer metrics(String accept) throws IOException {
    String contentType =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS_TEXT
            : PROMETHEUS_TEXT;
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    registry.scrape(body, contentType);
    return new Answer(200, contentType, body.toByteArray());
  }
}
