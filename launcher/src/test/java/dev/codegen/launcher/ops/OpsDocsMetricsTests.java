package dev.codegen.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.launcher.CodegenStack;
import dev.codegen.launcher.StandaloneSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard and the alert rules in {@code docs/ops/} use only metric names the services really
 * export: the one-JVM stack (real Kafka, PostgreSQL, offline model, default plugins) runs a job,
 * then the gateway's, the generation worker's and the plugin worker's {@code /metrics} are scraped
 * and every name an expression selects must be among what they served. The scrapes are written to
 * {@code target/ops-scrapes/} for whoever edits the dashboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsDocsMetricsTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private CodegenStack stack;

  @BeforeAll
  void startTheStack() {
    // The embedded PostgreSQL: no database of the machine's server is touched.
    stack =
        CodegenStack.start(
            new StandaloneSettings(
                0, 0, 0, dataDirectory, Optional.empty(), Optional.empty(), Map.of()));
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyMetricTheDashboardAndTheAlertsUseIsExported() throws Exception {
    String id = accept("{\"prompt\": \"a hello world program\", \"language\": \"java\"}");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Set.of("succeeded", "failed", "rejected").contains(status(id)));

    Map<String, String> used = new LinkedHashMap<>();
    for (String expr : OpsDocs.dashboardExpressions()) {
      OpsDocs.metricNames(expr).forEach(name -> used.putIfAbsent(name, "dashboard: " + expr));
    }
    for (String expr : OpsDocs.alertExpressions()) {
      OpsDocs.metricNames(expr).forEach(name -> used.putIfAbsent(name, "alerts.yml: " + expr));
    }
    assertThat(used.keySet())
        .as("names found in docs/ops")
        .contains(
            "codegen_jobs_accepted_total",
            "codegen_jobs_finished_total",
            "codegen_outbox_oldest_age_seconds",
            "codegen_model_calls_total",
            "codegen_plugin_verdicts_total");

    // Kafka client meters appear once the consumers have fetched: scrape until they all show.
    Set<String> exported = new TreeSet<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              exported.clear();
              exported.addAll(scrapeAll());
              exported.addAll(OpsDocs.MADE_BY_PROMETHEUS);
              List<String> missing = new ArrayList<>();
              used.forEach(
                  (name, where) -> {
                    if (!exported.contains(name)) {
                      missing.add(name + "  (" + where + ")");
                    }
                  });
              assertThat(missing).as("metric names not exported by any service").isEmpty();
            });
  }

  private Set<String> scrapeAll() throws Exception {
    Path out = Path.of("target", "ops-scrapes");
    Files.createDirectories(out);
    Map<String, String> endpoints =
        Map.of(
            "gateway", "http://localhost:" + stack.httpPort() + "/metrics",
            "generation-worker", "http://localhost:" + stack.workerOpsPort() + "/metrics",
            "plugin-worker", "http://localhost:" + stack.pluginsOpsPort() + "/metrics");
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint.getValue()))
                  .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(endpoint.getValue()).isEqualTo(200);
      Files.writeString(out.resolve(endpoint.getKey() + ".prom"), response.body());
      names.addAll(OpsDocs.exported(response.body()));
    }
    return names;
  }

  private String accept(String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api("/generate")))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("id").asString();
  }

  private String status(String id) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api("/jobs/" + id)))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("status").asString();
  }

  private String api(String path) {
    return "http://localhost:" + stack.httpPort() + path;
  }
}
