package dev.codegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@GatewayIntegrationTest
class IntakeIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcTemplate jdbc;
  @Autowired EventJson json;

  @Test
  void registersBulkRequestsUnderTheIdDerivedFromTheirPosition() throws Exception {
    RecordMetadata at =
        send(
            "row-1",
            """
            {"custom_id":"row-1","batch_id":"nightly","prompt":"add two numbers",
             "language":"Java","max_tokens":128,"metadata":{"team":"data"}}
            """);
    String job = JobIds.forRecord(Topics.REQUESTS, at.partition(), at.offset());

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(job));
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?::uuid", job);
    assertThat(row)
        .containsEntry("status", "queued")
        .containsEntry("source", "kafka")
        .containsEntry("language", "java")
        .containsEntry("custom_id", "row-1")
        .containsEntry("batch_id", "nightly")
        .containsEntry("max_tokens", 128);
    assertThat(audit(job, "job.accepted")).isEqualTo(1);
  }

  @Test
  void registersAWholeBulkBatch() {
    String batch = "bulk-" + UUID.randomUUID();
    for (int i = 0; i < 40; i++) {
      kafka.send(
          Topics.REQUESTS,
          "row-" + i,
          "{\"custom_id\":\"row-"
              + i
              + "\",\"batch_id\":\""
              + batch
              + "\",\"prompt\":\"p\",\"language\":\"go\"}");
    }
    kafka.flush();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM jobs WHERE batch_id = ?", Long.class, batch)
                    == 40);
  }

  @Test
  void registersValidJsonWithBadFieldsSoTheRejectionShowsInHistory() throws Exception {
    String own = UUID.randomUUID().toString();
    send("x", "{\"job_id\":\"" + own + "\",\"prompt\":\"\",\"language\":\"cobol\"}");

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(own));
    assertThat(
            jdbc.queryForObject("SELECT language FROM jobs WHERE id = ?::uuid", String.class, own))
        .isNull();
  }

  @Test
  void skipsUnreadableRecordsAndKeepsConsuming() throws Exception {
    send("bad", "not json at all");
    send("bad", "{\"job_id\":\"not-a-uuid\",\"prompt\":\"p\",\"language\":\"go\"}");
    send("bad", "[1,2,3]");
    String own = UUID.randomUUID().toString();
    send("ok", "{\"job_id\":\"" + own + "\",\"prompt\":\"p\",\"language\":\"go\"}");

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(own));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs", Long.class))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void fillsInJobsTheProjectorCreatedFromAnEarlyEvent() throws Exception {
    String own = UUID.randomUUID().toString();
    kafka
        .send(
            Topics.JOB_EVENTS,
            own,
            json.write(
                JobProgressed.now(own, JobStatus.GENERATING, "generation.started", null, "w")))
        .join();
    await().atMost(Duration.ofSeconds(15)).until(() -> exists(own));

    send(
        own,
        "{\"job_id\":\"" + own + "\",\"batch_id\":\"b7\",\"prompt\":\"p\",\"language\":\"bash\"}");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "b7"
                    .equals(
                        jdbc.queryForObject(
                            "SELECT batch_id FROM jobs WHERE id = ?::uuid", String.class, own)));
    assertThat(jdbc.queryForObject("SELECT status FROM jobs WHERE id = ?::uuid", String.class, own))
        .isEqualTo("generating");
    assertThat(audit(own, "job.accepted")).isEqualTo(1);
  }

  private RecordMetadata send(String key, String value) {
    return kafka.send(new ProducerRecord<>(Topics.REQUESTS, key, value)).join().getRecordMetadata();
  }

  private boolean exists(String job) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE id = ?::uuid)", Boolean.class, job));
  }

  private long audit(String job, String action) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid AND action = ?",
        Long.class,
        job,
        action);
  }
}
