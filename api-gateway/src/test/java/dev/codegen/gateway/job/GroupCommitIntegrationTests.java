package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RefusingTrigger;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Concurrent accepts against the real store: shared commits, every row there, failures clean. */
@GatewayIntegrationTest
class GroupCommitIntegrationTests {

  private static final int REQUESTS = 300;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry registry;
  @Autowired EmbeddedKafkaBroker broker;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void concurrentAcceptsShareTransactionsAndEveryJobIsStoredWithItsAuditAndRecord()
      throws Exception {
    long batchesBefore = storeBatches();
    ExecutorService clients = Executors.newFixedThreadPool(40);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      responses.add(clients.submit(() -> send(Requests.valid())));
    }
    List<String> ids = new ArrayList<>();
    for (Future<HttpResponse<String>> response : responses) {
      HttpResponse<String> r = response.get();
      assertThat(r.statusCode()).isEqualTo(202);
      ids.add(JsonMapper.builder().build().readTree(r.body()).get("id").asString());
    }
    clients.shutdown();

    assertThat(storeBatches() - batchesBefore).isLessThan(REQUESTS);
    String[] idArray = ids.toArray(String[]::new);
    assertThat(count("SELECT count(*) FROM jobs WHERE id::text = ANY (?)", idArray))
        .isEqualTo(REQUESTS);
    assertThat(
            count(
                "SELECT count(*) FROM audit_events WHERE action = 'job.accepted'"
                    + " AND job_id::text = ANY (?)",
                idArray))
        .isEqualTo(REQUESTS);
    assertThat(Requests.keysSeen(broker, Topics.JOBS, Set.copyOf(ids), Duration.ofSeconds(30)))
        .hasSize(REQUESTS);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class) == 0);
  }

  @Test
  void aBatchTheStoreRefusesAnswers503WithRetryAfterAndStoresNothing() throws Exception {
    jdbc.execute(
        """
        CREATE FUNCTION refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by test'; END $$;
        CREATE TRIGGER refuse_job BEFORE INSERT ON jobs FOR EACH ROW
          WHEN (NEW.custom_id = 'refuse-me') EXECUTE FUNCTION refuse_job();
        """);
    long audit = jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class);
    try {
      HttpResponse<String> refused =
          send(Requests.valid().replace("\"custom_id\":\"c-1\"", "\"custom_id\":\"refuse-me\""));

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body())
          .contains("https://codegen.dev/problems/unavailable")
          .doesNotContain("refused by test");
      assertThat(count("SELECT count(*) FROM jobs WHERE custom_id = ?", "refuse-me")).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class))
          .isEqualTo(audit);
    } finally {
      jdbc.execute("DROP TRIGGER refuse_job ON jobs; DROP FUNCTION refuse_job()");
    }
    assertThat(send(Requests.valid()).statusCode()).isEqualTo(202);
  }

  @Test
  void aJobWhoseDataTheStoreRefusesGets422WhileTheOthersAroundItAreStored() throws Exception {
    RefusingTrigger.install(jdbc, "jobs", "NEW.custom_id = 'refuse-me'");
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<HttpResponse<String>>> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          good.add(clients.submit(() -> send(Requests.valid())));
        }
        HttpResponse<String> refused =
            send(Requests.valid().replace("\"custom_id\":\"c-1\"", "\"custom_id\":\"refuse-me\""));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(refused.body())
            .contains("https://codegen.dev/problems/unstorable-request")
            .contains("23514")
            .doesNotContain("refused by test");
        for (Future<HttpResponse<String>> response : good) {
          assertThat(response.get().statusCode()).isEqualTo(202);
        }
      }
      assertThat(count("SELECT count(*) FROM jobs WHERE custom_id = ?", "refuse-me")).isZero();
    } finally {
      clients.shutdown();
      jdbc.execute("DROP TRIGGER refuse_jobs ON jobs; DROP FUNCTION refuse_jobs()");
    }
  }

  @Test
  void prometheusScrapeShowsTheStageTimers() throws Exception {
    assertThat(send(Requests.valid()).statusCode()).isEqualTo(202);
    HttpResponse<String> metrics =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header(TestKeys.HEADER, TestKeys.KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("codegen_gateway_stage_seconds_bucket{")
        .contains("stage=\"accept\"")
        .contains("stage=\"store\"");
  }

  private long storeBatches() {
    return registry.get(StageTimers.NAME).tag("stage", StageTimers.STORE).timer().count();
  }

  private long count(String sql, Object arg) {
    return jdbc.queryForObject(sql, Long.class, arg);
  }

  private HttpResponse<String> send(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
            .header(TestKeys.HEADER, TestKeys.KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
