package dev.codegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.auth.ApiKeys;
import dev.codegen.gateway.job.JobLimits;
import dev.codegen.gateway.job.RequestRules;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RefusingTrigger;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.FailureReason;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@GatewayIntegrationTest
class IntakeIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired ApiKeys keys;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MockMvc mvc;
  @Autowired BulkJobs bulkJobs;
  @Autowired JobLimits limits;

  @Test
  void storesABulkRequestUnderTheIdOfItsPositionAndRelaysItToTheWorkers() {
    RecordMetadata at =
        send(
            "row-1",
            """
            {"custom_id":"row-1","batch_id":"nightly","prompt":"add two numbers",
             "language":"java","max_tokens":128,"metadata":{"team":"data"},"their_field":1}
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
    ConsumerRecord<String, String> relayed = onTopic(Topics.JOBS, job, 1).get(0);
    assertThat(EventRecords.eventId(relayed.headers())).contains(EventIds.requested(job));
    GenerationRequested request = EventJson.read(relayed.value(), GenerationRequested.class);
    assertThat(request.jobId()).isEqualTo(job);
    assertThat(request.prompt()).isEqualTo("add two numbers");
    assertThat(request.metadata()).containsEntry("team", "data");
  }

  @Test
  void storesAWholeBulkBatch() {
    String batch = "bulk-" + UUID.randomUUID();
    for (int i = 0; i < 40; i++) {
      kafka.send(
          keyed(
              new ProducerRecord<>(
                  Topics.REQUESTS,
                  "row-" + i,
                  "{\"custom_id\":\"row-"
                      + i
                      + "\",\"batch_id\":\""
                      + batch
                      + "\",\"prompt\":\"p\",\"language\":\"go\"}")));
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
  void aRecordWithBadFieldsBecomesARejectedJobWithItsOneResultAndNeverReachesTheWorkers() {
    String own = UUID.randomUUID().toString();
    send(
        "x",
        "{\"job_id\":\"" + own + "\",\"custom_id\":\"c9\",\"prompt\":\"\",\"language\":\"cobol\"}");

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(own));
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?::uuid", own);
    assertThat(row)
        .containsEntry("status", "rejected")
        .containsEntry("failure_reason", "invalid_request")
        .containsEntry("custom_id", "c9");
    assertThat((String) row.get("failure_message")).contains("prompt").contains("language");
    assertThat(audit(own, "job.rejected")).isEqualTo(1);
    JobFinished result =
        EventJson.read(onTopic(Topics.RESULTS, own, 1).get(0).value(), JobFinished.class);
    assertThat(result.status()).isEqualTo(JobStatus.REJECTED);
    assertThat(result.failure().reason()).isEqualTo(FailureReason.INVALID_REQUEST);
    assertThat(result.customId()).isEqualTo("c9");
    assertThat(onTopic(Topics.JOBS, own, 0)).isEmpty();
  }

  @Test
  void deadLettersRecordsThatCannotBeJobsWithTheirReasonAndKeepsConsuming() {
    String mark = UUID.randomUUID().toString();
    send(mark, "not json at all");
    send(mark, "{\"job_id\":\"not-a-uuid\",\"prompt\":\"p\",\"language\":\"go\"}");
    send(mark, "{\"job_id\":\"\",\"prompt\":\"p\",\"language\":\"go\"}");
    send(mark, "[1,2,3]");
    String own = UUID.randomUUID().toString();
    send("ok", "{\"job_id\":\"" + own + "\",\"prompt\":\"p\",\"language\":\"go\"}");

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(own));
    List<ConsumerRecord<String, String>> dead =
        onTopic(Topics.deadLetter(Topics.REQUESTS), mark, 4);
    assertThat(dead)
        .extracting(
            r -> EventRecords.header(r.headers(), EventHeaders.DEAD_LETTER_REASON).orElseThrow())
        .containsExactly("unreadable", "invalid_job_id", "invalid_job_id", "unreadable");
    assertThat(dead.get(0).value()).isEqualTo("not json at all");
    assertThat(EventRecords.header(dead.get(0).headers(), EventHeaders.DEAD_LETTER_ORIGIN))
        .hasValueSatisfying(origin -> assertThat(origin).startsWith(Topics.REQUESTS + "/"));
  }

  @Test
  void aBulkRecordNamingAnExistingJobIsRefusedAndLeavesThatJobAlone() throws Exception {
    String location =
        mvc.perform(
                post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
            .andExpect(status().isAccepted())
            .andReturn()
            .getResponse()
            .getHeader("Location");
    String http = location.substring(location.lastIndexOf('/') + 1);
    String bulk = UUID.randomUUID().toString();

    send("a", "{\"job_id\":\"" + http + "\",\"prompt\":\"other\",\"language\":\"go\"}");
    send("b", "{\"job_id\":\"" + bulk + "\",\"prompt\":\"first\",\"language\":\"go\"}");
    send("c", "{\"job_id\":\"" + bulk + "\",\"prompt\":\"second\",\"language\":\"bash\"}");

    List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              dead.clear();
              dead.addAll(onTopic(Topics.deadLetter(Topics.REQUESTS), "a", 1));
              dead.addAll(onTopic(Topics.deadLetter(Topics.REQUESTS), "c", 1));
              return dead.size() == 2;
            });
    assertThat(dead)
        .extracting(
            r -> EventRecords.header(r.headers(), EventHeaders.DEAD_LETTER_REASON).orElseThrow())
        .containsOnly("job_id_taken");
    assertThat(audit(http, "job.accepted")).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid", Long.class, http))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject("SELECT source FROM jobs WHERE id = ?::uuid", String.class, http))
        .isEqualTo("http");
    assertThat(
            jdbc.queryForObject("SELECT language FROM jobs WHERE id = ?::uuid", String.class, bulk))
        .isEqualTo("go");
    assertThat(onTopic(Topics.JOBS, http, 1)).hasSize(1);
    assertThat(onTopic(Topics.JOBS, bulk, 1)).hasSize(1);
  }

  @Test
  void aRedeliveredRecordFindsItsOwnJobAndAddsNothing() {
    String own = UUID.randomUUID().toString();
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(
            Topics.REQUESTS,
            0,
            987_654L,
            "k",
            "{\"job_id\":\"" + own + "\",\"prompt\":\"p\",\"language\":\"go\"}");
    RequestRules rules = new RequestRules(limits);

    record.headers().add(TestKeys.HEADER, TestKeys.KEY.getBytes(StandardCharsets.UTF_8));
    int first = bulkJobs.store(List.of(BulkRecord.read(record, rules, keys)));
    int again = bulkJobs.store(List.of(BulkRecord.read(record, rules, keys)));

    assertThat(first).isEqualTo(1);
    assertThat(again).isZero();
    assertThat(audit(own, "job.accepted")).isEqualTo(1);
  }

  @Test
  void deadLettersOnlyTheRecordPostgresqlRefusesAndStoresTheRest() {
    RefusingTrigger.install(jdbc, "jobs", "NEW.custom_id = 'refused-fields'");
    String first = UUID.randomUUID().toString();
    String refused = UUID.randomUUID().toString();
    String last = UUID.randomUUID().toString();

    sendTo0(request(first, "first"));
    sendTo0(request(refused, "refused-fields"));
    sendTo0(request(last, "last"));
    kafka.flush();

    await().atMost(Duration.ofSeconds(15)).until(() -> exists(last));
    assertThat(exists(first)).isTrue();
    assertThat(exists(refused)).isFalse();
    List<ConsumerRecord<String, String>> dead =
        onTopic(Topics.deadLetter(Topics.REQUESTS), "refused", 1);
    assertThat(EventRecords.header(dead.get(0).headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("refused_by_database");
  }

  private static String request(String jobId, String customId) {
    return "{\"job_id\":\""
        + jobId
        + "\",\"custom_id\":\""
        + customId
        + "\",\"prompt\":\"p\",\"language\":\"go\"}";
  }

  private void sendTo0(String value) {
    String key = value.contains("refused-fields") ? "refused" : "bulk";
    kafka.send(keyed(new ProducerRecord<>(Topics.REQUESTS, 0, key, value)));
  }

  private RecordMetadata send(String key, String value) {
    return kafka
        .send(keyed(new ProducerRecord<>(Topics.REQUESTS, key, value)))
        .join()
        .getRecordMetadata();
  }

  /** {@code record} with the development key in its {@code x-api-key} header. */
  private static ProducerRecord<String, String> keyed(ProducerRecord<String, String> record) {
    record.headers().add("x-api-key", TestKeys.KEY.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** The records on {@code topic} keyed {@code key}, waiting until {@code atLeast} arrived. */
  private List<ConsumerRecord<String, String>> onTopic(String topic, String key, int atLeast) {
    List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(atLeast == 0 ? 2 : 15).toNanos();
    do {
      found.clear();
      Requests.read(broker, topic, Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
          .filter(r -> key.equals(r.key()))
          .forEach(found::add);
    } while (found.size() < atLeast && System.nanoTime() < deadline);
    return found;
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
