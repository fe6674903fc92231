package dev.codegen.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

class OpsHandlerTests {

  /** A registry whose scrape breaks, as an exporter bug would. */
  static final class BrokenRegistry extends PrometheusMeterRegistry {
    BrokenRegistry() {
      super(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
    }

    @Override
    public void scrape(OutputStream out, String contentType) throws IOException {
      throw new IOException("disk on fire at /secret/path");
    }
  }

  @Test
  void answersAFailedScrapeWith500AndNoDetailsAndKeepsServing() throws Exception {
    OpsServer server =
        new OpsServer(
            new OpsProperties(0, "127.0.0.1"),
            new OpsHandler(new BrokenRegistry(), new Health(null, List.of())),
            new StandardEnvironment());
    server.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();

      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(500);
      assertThat(metrics.body()).isEqualTo("Internal Server Error\n");
      assertThat(health.statusCode()).isEqualTo(200);
      server.start();
      assertThat(server.isRunning()).isTrue();
    } finally {
      server.stop();
      server.stop();
    }
    assertThat(server.isRunning()).isFalse();
  }
}
