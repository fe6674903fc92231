package dev.codegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.GatewayApplication;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Http;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances on one database: limits hold across both under concurrent load, a key
 * revoked on one is refused by the other at once, an Idempotency-Key makes one job however the
 * duplicates are spread, and a finished job settles its reservation with the reported usage.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "codegen.auth.admin-key=" + TwoInstancesIntegrationTests.ADMIN)
class TwoInstancesIntegrationTests {

  static final String ADMIN = "two-instances-admin-key-9d2e";
  private static final String DATABASE = TestDatabase.createDatabase();
  private static ConfigurableApplicationContext second;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
  }

  @LocalServerPort int port;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcTemplate jdbc;
  @Autowired KafkaTemplate<String, String> kafka;

  private Http a;
  private Http b;

  @BeforeEach
  void startSecondInstance() {
    if (second == null) {
      second =
          GatewayApplication.builder()
              .run( // arguments: they override gateway.yml, default properties would not
                  "--server.port=0",
                  "--spring.datasource.url=" + DATABASE,
                  "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                  "--codegen.auth.admin-key=" + ADMIN,
                  "--codegen.kafka.partitions=2",
                  "--codegen.outbox.poll-interval=50ms");
    }
    a = new Http(port, ADMIN);
    b = new Http(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")), ADMIN);
  }

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
      second = null;
    }
  }

  @Test
  void aRequestLimitHoldsAcrossInstancesUnderConcurrentLoad() throws Exception {
    JsonNode key = create("burst", "t-burst", "{\"requests_per_minute\":40}");
    String secret = key.get("key").asString();
    // All 120 requests must land in one calendar minute for the count to be exact.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);

    List<Http.Answer> answers =
        fire(120, i -> (i % 2 == 0 ? a : b).as(secret).post("/generate", Requests.valid()));

    long accepted = answers.stream().filter(r -> r.status() == 202).count();
    List<Http.Answer> refused = answers.stream().filter(r -> r.status() == 429).toList();
    assertThat(accepted).isEqualTo(40);
    assertThat(refused).hasSize(80);
    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
              assertThat(r.json().get("type").asString()).endsWith("/rate-limited");
              assertThat(r.json().get("detail").asString()).contains("requests_per_minute");
            });
    UUID id = UUID.fromString(key.get("id").asString());
    assertThat(count("SELECT count(*) FROM jobs WHERE api_key_id = ?", id)).isEqualTo(40);
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN jobs j ON j.id::text = o.record_key"
                    + " WHERE j.api_key_id = ? AND o.topic = '"
                    + Topics.JOBS
                    + "'",
                id))
        .isLessThanOrEqualTo(40);
    assertThat(
            count(
                "SELECT coalesce(sum(count), 0) FROM access_audit"
                    + " WHERE key_id = ? AND action = 'limit.refused'",
                id))
        .isEqualTo(80);
  }

  @Test
  void aKeyRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() {
    JsonNode key = create("revoked", "t-revoke", "{}");
    Http onB = b.as(key.get("key").asString());
    assertThat(onB.get("/history").status()).isEqualTo(200); // now cached on B
    assertThat(onB.post("/generate", Requests.valid()).status()).isEqualTo(202);

    assertThat(a.post("/admin/keys/" + key.get("id").asString() + "/revoke", null).status())
        .isEqualTo(200);

    // Spending is checked in the accept transaction itself: refused the very next request.
    assertThat(onB.post("/generate", Requests.valid()).status()).isEqualTo(401);
    // Reads drop B's cached key when PostgreSQL delivers the change notification.
    await().atMost(Duration.ofSeconds(1)).until(() -> onB.get("/history").status() == 401);
  }

  @Test
  void anIdempotencyKeyMakesOneJobHoweverItsDuplicatesAreSpread() throws Exception {
    String secret = create("retries", "t-idem", "{}").get("key").asString();
    String idem = "order-" + UUID.randomUUID();

    List<Http.Answer> answers =
        fire(
            24,
            i ->
                (i % 2 == 0 ? a : b)
                    .as(secret)
                    .post("/generate", Requests.valid(), "Idempotency-Key", idem));

    Set<String> ids = new HashSet<>();
    for (Http.Answer answer : answers) {
      assertThat(answer.status()).isIn(202, 409);
      if (answer.status() == 202) {
        ids.add(answer.json().get("id").asString());
      } else {
        assertThat(answer.header("Retry-After")).isEqualTo("1");
      }
    }
    assertThat(ids).hasSize(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE tenant = 't-idem'", null)).isEqualTo(1);

    Http.Answer replay = b.as(secret).post("/generate", Requests.valid(), "Idempotency-Key", idem);
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.response().body())
        .isEqualTo(
            a.as(secret)
                .post("/generate", Requests.valid(), "Idempotency-Key", idem)
                .response()
                .body());
    assertThat(replay.json().get("id").asString()).isEqualTo(ids.iterator().next());

    Http.Answer other =
        a.as(secret)
            .post(
                "/generate",
                Requests.valid().replace("reverses", "sorts"),
                "Idempotency-Key",
                idem);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");

    // Keys are per tenant: another tenant's request with the same key is its own job.
    String otherTenant = create("elsewhere", "t-idem-2", "{}").get("key").asString();
    Http.Answer elsewhere =
        b.as(otherTenant).post("/generate", Requests.valid(), "Idempotency-Key", idem);
    assertThat(elsewhere.status()).isEqualTo(202);
    assertThat(elsewhere.json().get("id").asString()).isNotIn(ids);
  }

  @Test
  void aFinishedJobSettlesItsReservationWithTheReportedUsage() {
    JsonNode key =
        create("budget", "t-budget", "{\"tokens_per_day\":100000,\"cost_per_month_usd\":5}");
    Http caller = a.as(key.get("key").asString());
    String job = caller.post("/generate", Requests.valid()).json().get("id").asString();
    long reserved = count("SELECT reserved_tokens FROM jobs WHERE id = ?::uuid", job);
    assertThat(reserved).isGreaterThan(256); // prompt tokens plus max_tokens 256
    JsonNode before = usageOfOnlyKey(b.as(key.get("key").asString()));
    assertThat(before.get("tokens_reserved").asLong()).isEqualTo(reserved);
    assertThat(before.get("remaining").get("tokens_per_day").asLong()).isEqualTo(100000 - reserved);
    // Priced at the default model, gpt-4.1: $2 per million input and $8 per million output tokens.
    assertThat(before.get("cost_reserved_usd").decimalValue()).isPositive();

    kafka.send(
        new ProducerRecord<>(
            Topics.OUTCOMES, job, EventJson.write(finished(job, TokenUsage.of(40, 75)))));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode after = usageOfOnlyKey(caller);
              assertThat(after.get("tokens_reserved").asLong()).isZero();
              assertThat(after.get("tokens_used").asLong()).isEqualTo(115);
              assertThat(after.get("remaining").get("tokens_per_day").asLong())
                  .isEqualTo(100000 - 115);
              // Settled at the model that answered, gpt-4.1-mini: 40 x $0.40 + 75 x $1.60 per
              // million tokens.
              assertThat(after.get("cost_reserved_usd").decimalValue()).isZero();
              assertThat(after.get("cost_used_usd").decimalValue())
                  .isEqualByComparingTo("0.000136");
              assertThat(after.get("remaining").get("cost_per_month_usd").decimalValue())
                  .isEqualByComparingTo("4.999864");
            });
    // The admin view shows the tenant's total.
    JsonNode tenants = a.get("/usage?tenant=t-budget").json().get("tenants");
    assertThat(tenants.get(0).get("tokens_used").asLong()).isEqualTo(115);
  }

  @Test
  void aCancelledJobReleasesItsReservation() {
    JsonNode key = create("cancelling", "t-cancel", "{\"tokens_per_minute\":1000000}");
    Http caller = b.as(key.get("key").asString());
    String job = caller.post("/generate", Requests.valid()).json().get("id").asString();
    assertThat(usageOfOnlyKey(caller).get("tokens_reserved").asLong()).isPositive();

    assertThat(caller.post("/jobs/" + job + "/cancel", null).status()).isEqualTo(200);

    JsonNode after = usageOfOnlyKey(caller);
    assertThat(after.get("tokens_reserved").asLong()).isZero();
    assertThat(after.get("requests").asLong()).isEqualTo(1);
  }

  private JsonNode usageOfOnlyKey(Http caller) {
    Http.Answer usage = caller.get("/usage");
    assertThat(usage.status()).isEqualTo(200);
    JsonNode keys = usage.json().get("keys");
    assertThat(keys.size()).isEqualTo(1);
    return keys.get(0);
  }

  private JsonNode create(String name, String tenant, String limits) {
    Http.Answer created =
        a.post(
            "/admin/keys",
            "{\"name\":\"" + name + "\",\"tenant\":\"" + tenant + "\",\"limits\":" + limits + "}");
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }

  private long count(String sql, Object arg) {
    Long value =
        arg == null
            ? jdbc.queryForObject(sql, Long.class)
            : jdbc.queryForObject(sql, Long.class, arg);
    return value == null ? 0 : value;
  }

  private interface Request {
    Http.Answer send(int i);
  }

  private static List<Http.Answer> fire(int n, Request request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Http.Answer>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit((Callable<Http.Answer>) () -> request.send(index)));
      }
      List<Http.Answer> answers = new ArrayList<>();
      for (Future<Http.Answer> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static JobFinished finished(String job, TokenUsage usage) {
    return new JobFinished(
        job,
        "c-1",
        "b-1",
        JobStatus.SUCCEEDED,
        Language.PYTHON,
        "print('hi')",
        "openai",
        "gpt-4.1-mini",
        false,
        usage,
        List.of(),
        null,
        List.of(),
        Map.of(),
        Instant.now());
  }
}
