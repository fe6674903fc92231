package dev.codegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RefusingTrigger;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Topics;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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

  @Test
  void registersEveryJobOfAPollAroundOneWithValuesPostgresqlWouldRefuse() {
    String before = UUID.randomUUID().toString();
    String odd = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    Instant start = Instant.now().minusSeconds(1);

    // One partition, one flush: normally one poll, and one statement.
    sendTo0(request(before, "before", null));
    sendTo0(
        """
        {"job_id":"%s","custom_id":"row\\u0000-7","batch_id":"b\\u0000","model":"m\\u0000",
         "prompt":"p","language":"go","metadata":{"te\\u0000am":"da\\u0000ta"},
         "requested_at":"+300000-01-01T00:00:00Z"}
        """
            .formatted(odd));
    sendTo0(request(after, "after", null));
    kafka.flush();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> exists(before) && exists(odd) && exists(after));
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?::uuid", odd);
    assertThat(row)
        .containsEntry("custom_id", "row-7")
        .containsEntry("batch_id", "b")
        .containsEntry("model", "m")
        .containsEntry("language", "go");
    assertThat(row.get("metadata")).hasToString("{\"team\": \"data\"}");
    // An impossible request time is treated as absent: the job is dated by its intake.
    assertThat(((Timestamp) row.get("created_at")).toInstant()).isAfter(start);
    assertThat(customId(before)).isEqualTo("before");
    assertThat(customId(after)).isEqualTo("after");
  }

  @Test
  void registersARefusedRecordWithoutItsFieldsAndSkipsOneRefusedWholeKeepingTheRest() {
    RefusingTrigger.install(
        jdbc, "jobs", "NEW.custom_id = 'refused-fields' OR NEW.max_tokens = 4242");
    String first = UUID.randomUUID().toString();
    String fields = UUID.randomUUID().toString();
    String middle = UUID.randomUUID().toString();
    String whole = UUID.randomUUID().toString();
    String last = UUID.randomUUID().toString();

    sendTo0(request(first, "first", null));
    sendTo0(request(fields, "refused-fields", null));
    sendTo0(request(middle, "middle", null));
    sendTo0(request(whole, "whole", 4242));
    sendTo0(request(last, "last", null));
    kafka.flush();

    // Records are registered in order, so once the last is in, the refused ones were handled.
    await().atMost(Duration.ofSeconds(15)).until(() -> exists(last));
    assertThat(customId(first)).isEqualTo("first");
    assertThat(customId(middle)).isEqualTo("middle");
    assertThat(customId(last)).isEqualTo("last");
    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?::uuid", fields))
        .containsEntry("custom_id", null)
        .containsEntry("language", "go")
        .containsEntry("status", "queued");
    assertThat(audit(fields, "job.accepted")).isEqualTo(1);
    assertThat(exists(whole)).isFalse();
  }

  private static String request(String jobId, String customId, Integer maxTokens) {
    return "{\"job_id\":\""
        + jobId
        + "\",\"custom_id\":\""
        + customId
        + "\",\"prompt\":\"p\",\"language\":\"go\""
        + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens)
        + "}";
  }

  private void sendTo0(String value) {
    kafka.send(new ProducerRecord<>(Topics.REQUESTS, 0, "bulk", value));
  }

  private String customId(String job) {
    return jdbc.queryForObject("SELECT custom_id FROM jobs WHERE id = ?::uuid", String.class, job);
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
