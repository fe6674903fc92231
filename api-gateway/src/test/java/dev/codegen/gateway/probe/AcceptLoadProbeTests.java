package dev.codegen.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A quick, opt-in load probe of the accept path (not a benchmark): {@code ./mvnw -pl api-gateway
 * test -Dtest=AcceptLoadProbeTests -Dcodegen.probe=true [-Dcodegen.probe.clients=32]}. Logs
 * throughput, client latency and the gateway's own added latency.
 */
@GatewayIntegrationTest
@EnabledIfSystemProperty(named = "codegen.probe", matches = "true")
class AcceptLoadProbeTests {

  private static final Logger log = LoggerFactory.getLogger(AcceptLoadProbeTests.class);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void acceptsThousandsOfJobsAndDrainsTheOutbox() throws Exception {
    int clients = Integer.getInteger("codegen.probe.clients", 16);
    int requests = Integer.getInteger("codegen.probe.requests", 4000);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
            .header(TestKeys.HEADER, TestKeys.KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Requests.valid()))
            .build();
    for (int round = 0; round < 2; round++) { // the first round warms the JIT and the pool
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<double[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        futures.add(pool.submit(() -> timed(client, request)));
      }
      List<Double> total = new ArrayList<>();
      List<Double> added = new ArrayList<>();
      for (Future<double[]> f : futures) {
        double[] v = f.get();
        total.add(v[0]);
        added.add(v[1]);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class) == 0);
      Collections.sort(total);
      Collections.sort(added);
      log.info(
          "probe round {}: {} requests, {} clients, {} req/s; client p50 {} ms p99 {} ms;"
              + " gateway added p50 {} ms p99 {} ms",
          round,
          requests,
          clients,
          Math.round(requests / seconds),
          total.get(requests / 2),
          total.get(requests * 99 / 100),
          added.get(requests / 2),
          added.get(requests * 99 / 100));
    }
  }

  private static double[] timed(HttpClient client, HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    double millis = (System.nanoTime() - start) / 1e6;
    assertThat(response.statusCode()).isEqualTo(202);
    String added = response.headers().firstValue("X-Codegen-Added-Latency-Ms").orElseThrow();
    return new double[] {millis, Double.parseDouble(added)};
  }
}
