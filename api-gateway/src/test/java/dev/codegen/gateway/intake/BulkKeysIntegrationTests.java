package dev.codegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Http;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.JobFinished;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bulk records carry their key in a header and obey it like HTTP requests. */
@GatewayIntegrationTest
class BulkKeysIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aRecordWithoutAValidKeyIsAnsweredOnTheResultsTopicAndStoresNothing() {
    String missing = UUID.randomUUID().toString();
    String unknown = UUID.randomUUID().toString();
    send(missing, null);
    send(unknown, "cg_not_a_key_at_all_000000000000000000000");

    for (String job : List.of(missing, unknown)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> !results(job).isEmpty());
      List<ConsumerRecord<String, String>> results = results(job);
      assertThat(results).as(job).hasSize(1);
      JobFinished result = EventJson.read(results.get(0).value(), JobFinished.class);
      assertThat(result.status().wireName()).isEqualTo("rejected");
      assertThat(result.failure().reason().wireName()).isEqualTo("unauthorized");
      assertThat(result.failure().rule()).isEqualTo("request.api_key");
      assertThat(count("SELECT count(*) FROM jobs WHERE id = ?::uuid", job)).isZero();
    }
  }

  @Test
  void recordsOverTheirKeysLimitBecomeRejectedJobsOfThatTenant() {
    Http admin = new Http(port, TestKeys.KEY);
    String key =
        admin
            .post(
                "/admin/keys",
                "{\"name\":\"bulk\",\"tenant\":\"t-bulk\",\"limits\":{\"requests_per_minute\":3}}")
            .json()
            .get("key")
            .asString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
    List<String> jobs = List.of(id(), id(), id(), id(), id());
    jobs.forEach(job -> send(job, key));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count("SELECT count(*) FROM jobs WHERE tenant = 't-bulk'", null) == 5);
    Map<String, Object> statuses =
        Map.of(
            "queued",
            count("SELECT count(*) FROM jobs WHERE tenant = 't-bulk' AND status = 'queued'", null),
            "rejected",
            count(
                "SELECT count(*) FROM jobs WHERE tenant = 't-bulk' AND status = 'rejected'"
                    + " AND failure_reason = 'rate_limited'"
                    + " AND failure_rule = 'limits.requests_per_minute'",
                null));
    assertThat(statuses).containsEntry("queued", 3L).containsEntry("rejected", 2L);
    // The tenant sees its bulk jobs; the development key's tenant does not.
    String history = admin.as(key).get("/history?limit=10").response().body();
    jobs.forEach(job -> assertThat(history).contains(job));
    assertThat(admin.get("/history?limit=100").response().body()).doesNotContain(jobs.get(0));
    // The two refusals are counted in the access audit like HTTP ones.
    assertThat(
            count(
                "SELECT coalesce(sum(count), 0) FROM access_audit"
                    + " WHERE tenant = 't-bulk' AND action = 'limit.refused'",
                null))
        .isEqualTo(2);
  }

  private List<ConsumerRecord<String, String>> results(String job) {
    return Requests.read(broker, Topics.RESULTS, 2, Duration.ofSeconds(2)).stream()
        .filter(r -> job.equals(r.key()))
        .toList();
  }

  private void send(String job, String key) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            Topics.REQUESTS,
            job,
            "{\"job_id\":\"" + job + "\",\"prompt\":\"p\",\"language\":\"go\"}");
    if (key != null) {
      record.headers().add("x-api-key", key.getBytes(StandardCharsets.UTF_8));
    }
    kafka.send(record).join();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private long count(String sql, Object arg) {
    Long value =
        arg == null
            ? jdbc.queryForObject(sql, Long.class)
            : jdbc.queryForObject(sql, Long.class, arg);
    return value == null ? 0 : value;
  }
}
