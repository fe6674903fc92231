package dev.codegen.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RefusingTrigger;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Severity;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@GatewayIntegrationTest
class ProjectorIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MockMvc mvc;

  @Test
  void duplicateAndReorderedEventsLeaveOneAuditRowEachAndTheHighestStatus() throws Exception {
    String job = queued();
    JobProgressed generating =
        JobProgressed.now(job, JobStatus.GENERATING, "generation.started", null, "worker");
    JobProgressed post =
        JobProgressed.now(
            job, JobStatus.POST_PROCESSING, "model.responded", Map.of("tokens", "42"), "worker");

    // Reordered: post_processing first, then generating twice (a redelivery).
    send(Topics.JOB_EVENTS, job, post, null);
    send(Topics.JOB_EVENTS, job, generating, null);
    send(Topics.JOB_EVENTS, job, generating, null);

    await().atMost(Duration.ofSeconds(15)).until(() -> auditCount(job) == 2);
    assertThat(statusOf(job)).isEqualTo("post_processing");
  }

  @Test
  void firstTerminalOutcomeWinsAndLaterOnesOnlyAddAuditRows() throws Exception {
    String job = queued();
    JobFinished succeeded = finished(job, JobStatus.SUCCEEDED, null);
    JobFinished failed =
        finished(job, JobStatus.FAILED, new Failure(FailureReason.CHECK_FAILED, "javac", "boom"));
    String eventId = UUID.randomUUID().toString();

    send(Topics.OUTCOMES, job, succeeded, eventId);
    send(Topics.OUTCOMES, job, succeeded, eventId);
    await().atMost(Duration.ofSeconds(15)).until(() -> "succeeded".equals(statusOf(job)));
    send(Topics.OUTCOMES, job, failed, UUID.randomUUID().toString());
    // A progress event after the end does not move the job back.
    send(
        Topics.JOB_EVENTS,
        job,
        JobProgressed.now(job, JobStatus.GENERATING, "late", null, "w"),
        null);

    await().atMost(Duration.ofSeconds(15)).until(() -> auditCount(job) == 3);
    assertThat(statusOf(job)).isEqualTo("succeeded");
    mvc.perform(get("/jobs/" + job))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("succeeded"))
        .andExpect(jsonPath("$.code").value("print('hi')"))
        .andExpect(jsonPath("$.provider").value("offline"))
        .andExpect(jsonPath("$.offline").value(true))
        .andExpect(jsonPath("$.usage.total_tokens").value(15))
        .andExpect(jsonPath("$.reports[0].plugin").value("py_compile"))
        .andExpect(jsonPath("$.reports[0].diagnostics[0].line").value(1))
        .andExpect(jsonPath("$.findings[0].rule").value("python.crypto.md5"))
        .andExpect(jsonPath("$.findings[0].cwe").value("CWE-328"))
        .andExpect(jsonPath("$.findings[0].severity").value("low"))
        .andExpect(jsonPath("$.findings[0].line").value(2))
        .andExpect(jsonPath("$.custom_id").value("row-1"))
        .andExpect(jsonPath("$.failure").doesNotExist())
        .andExpect(jsonPath("$.finished_at").exists());
    mvc.perform(get("/jobs/" + job + "/audit"))
        .andExpect(jsonPath("$.events[0].action").value("job.succeeded"))
        .andExpect(jsonPath("$.events[?(@.action == 'outcome.ignored')].status").value("failed"));
    // The store decided once, so the results topic says so once.
    List<ConsumerRecord<String, String>> results =
        Requests.read(broker, Topics.RESULTS, 1000, Duration.ofSeconds(5)).stream()
            .filter(r -> job.equals(r.key()))
            .toList();
    assertThat(results).hasSize(1);
    assertThat(EventJson.read(results.get(0).value(), JobFinished.class).status())
        .isEqualTo(JobStatus.SUCCEEDED);
    assertThat(EventRecords.eventId(results.get(0).headers())).contains(EventIds.result(job));
  }

  @Test
  void anOutcomeForAJobCancelledMeanwhileChangesNothingButTheAudit() throws Exception {
    String job = queued();
    mvc.perform(post("/jobs/" + job + "/cancel")).andExpect(status().isOk());

    send(Topics.OUTCOMES, job, finished(job, JobStatus.SUCCEEDED, null), null);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid"
                            + " AND action = 'outcome.ignored'",
                        Long.class,
                        job)
                    == 1);
    assertThat(statusOf(job)).isEqualTo("cancelled");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid AND action LIKE 'job.%'",
                Long.class, job))
        .isEqualTo(1);
    List<JobFinished> results =
        Requests.read(broker, Topics.RESULTS, 1000, Duration.ofSeconds(5)).stream()
            .filter(r -> job.equals(r.key()))
            .map(r -> EventJson.read(r.value(), JobFinished.class))
            .toList();
    assertThat(results).extracting(JobFinished::status).containsExactly(JobStatus.CANCELLED);
  }

  @Test
  void failedResultsCarryTheirFailure() throws Exception {
    String job = queued();
    send(
        Topics.OUTCOMES,
        job,
        finished(
            job,
            JobStatus.REJECTED,
            new Failure(FailureReason.GATE_REJECTED, "secret.aws_access_key", "secret in prompt")),
        null);
    await().atMost(Duration.ofSeconds(15)).until(() -> "rejected".equals(statusOf(job)));
    mvc.perform(get("/jobs/" + job))
        .andExpect(jsonPath("$.failure.reason").value("gate_rejected"))
        .andExpect(jsonPath("$.failure.rule").value("secret.aws_access_key"))
        .andExpect(jsonPath("$.failure.message").value("secret in prompt"));
  }

  @Test
  void malformedRecordsGoToTheDeadLetterTopicWithoutStallingThePartition() {
    String garbage = "this is not json " + UUID.randomUUID();
    String broken = "{\"job_id\":\"nope-" + UUID.randomUUID() + "\"}";
    kafka.send(new ProducerRecord<>(Topics.OUTCOMES, 0, "k", garbage));
    kafka.send(new ProducerRecord<>(Topics.JOB_EVENTS, 0, "k", broken));
    String job = queued();
    kafka.send(
        new ProducerRecord<>(
            Topics.OUTCOMES, 0, job, EventJson.write(finished(job, JobStatus.SUCCEEDED, null))));

    await().atMost(Duration.ofSeconds(15)).until(() -> "succeeded".equals(statusOf(job)));
    ConsumerRecord<String, String> dead = deadLetter(Topics.OUTCOMES, garbage);
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("unreadable");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_ORIGIN))
        .hasValueSatisfying(origin -> assertThat(origin).startsWith(Topics.OUTCOMES + "/0/"));
    ConsumerRecord<String, String> deadEvent = deadLetter(Topics.JOB_EVENTS, broken);
    assertThat(EventRecords.header(deadEvent.headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("contract_violation");
  }

  /** The dead letter of the record with {@code value} read from {@code topic}, once it is there. */
  private ConsumerRecord<String, String> deadLetter(String topic, String value) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Requests.read(broker, Topics.deadLetter(topic), 100, Duration.ofSeconds(1)).stream()
                    .filter(r -> value.equals(r.value()))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  @Test
  void storesEveryEventOfAPollAroundOneWithValuesPostgresqlWouldRefuse() {
    String before = queued();
    String odd = queued();
    String after = queued();
    String nul = String.valueOf((char) 0);
    Instant start = Instant.now().minusSeconds(1);
    JobFinished refusable =
        new JobFinished(
            odd,
            "row" + nul + "-7",
            "b" + nul,
            JobStatus.SUCCEEDED,
            Language.PYTHON,
            "print(1)" + nul,
            "offline",
            "m" + nul,
            true,
            TokenUsage.of(1, 1),
            List.of(),
            null,
            List.of(),
            Map.of("te" + nul + "am", "da" + nul + "ta"),
            Instant.parse("+300000-01-01T00:00:00Z"));

    sendTo0(Topics.OUTCOMES, before, finished(before, JobStatus.SUCCEEDED, null));
    sendTo0(Topics.OUTCOMES, odd, refusable);
    sendTo0(Topics.OUTCOMES, after, finished(after, JobStatus.SUCCEEDED, null));
    sendTo0(
        Topics.JOB_EVENTS,
        odd,
        new JobProgressed(
            UUID.randomUUID(),
            odd,
            JobStatus.GENERATING,
            "generation" + nul + ".started",
            Map.of("k" + nul, "v" + nul),
            "worker" + nul,
            Instant.parse("-5000-01-01T00:00:00Z")));
    kafka.flush();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "succeeded".equals(statusOf(before))
                    && "succeeded".equals(statusOf(odd))
                    && "succeeded".equals(statusOf(after))
                    && auditCount(odd) == 2);
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?::uuid", odd);
    assertThat(row).containsEntry("model", "m").containsEntry("code", "print(1)");
    // Impossible event times are treated as absent: dated by their projection.
    assertThat(((Timestamp) row.get("finished_at")).toInstant()).isAfter(start);
    Map<String, Object> progress =
        jdbc.queryForMap(
            "SELECT * FROM audit_events WHERE job_id = ?::uuid AND status = 'generating'", odd);
    assertThat(progress)
        .containsEntry("action", "generation.started")
        .containsEntry("source", "worker");
    assertThat(progress.get("detail")).hasToString("{\"k\": \"v\"}");
    assertThat(((Timestamp) progress.get("occurred_at")).toInstant()).isAfter(start);
  }

  @Test
  void deadLettersOnlyTheRecordPostgresqlRefusesAndStoresEveryOtherOne() {
    RefusingTrigger.install(jdbc, "audit_events", "NEW.detail->>'model' = 'refused-model'");
    String before = queued();
    String refused = queued();
    String after = queued();
    JobFinished sample = finished(refused, JobStatus.SUCCEEDED, null);
    JobFinished refusedEvent =
        new JobFinished(
            refused,
            sample.customId(),
            sample.batchId(),
            sample.status(),
            sample.language(),
            sample.code(),
            sample.provider(),
            "refused-model",
            sample.offline(),
            sample.usage(),
            sample.reports(),
            null,
            sample.findings(),
            sample.metadata(),
            sample.finishedAt());

    sendTo0(Topics.OUTCOMES, before, finished(before, JobStatus.SUCCEEDED, null));
    sendTo0(Topics.OUTCOMES, refused, refusedEvent);
    sendTo0(Topics.OUTCOMES, after, finished(after, JobStatus.SUCCEEDED, null));
    kafka.flush();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(statusOf(before)) && "succeeded".equals(statusOf(after)));
    List<ConsumerRecord<String, String>> dead = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              dead.clear();
              Requests.read(broker, Topics.deadLetter(Topics.OUTCOMES), 100, Duration.ofMillis(500))
                  .stream()
                  .filter(r -> refused.equals(r.key()))
                  .forEach(dead::add);
              return !dead.isEmpty();
            });
    assertThat(dead).hasSize(1);
    assertThat(EventRecords.header(dead.get(0).headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("refused_by_database");
    assertThat(EventRecords.header(dead.get(0).headers(), EventHeaders.DEAD_LETTER_DETAIL))
        .hasValueSatisfying(
            detail ->
                assertThat(detail).contains("SQLState 23514").doesNotContain("refused-model"));
    assertThat(statusOf(refused)).isEqualTo("queued");
    assertThat(auditCount(before)).isEqualTo(1);
    assertThat(auditCount(after)).isEqualTo(1);
  }

  /** A job as the store holds it before any worker reports on it. */
  private String queued() {
    String job = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, language, custom_id, created_at,"
            + " updated_at) VALUES (?::uuid, 'queued', 0, 'http', 'python', 'row-1', now(), now())",
        job);
    return job;
  }

  private void sendTo0(String topic, String key, Object event) {
    kafka.send(new ProducerRecord<>(topic, 0, key, EventJson.write(event)));
  }

  private JobFinished finished(String job, JobStatus status, Failure failure) {
    return new JobFinished(
        job,
        "row-1",
        "batch-9",
        status,
        Language.PYTHON,
        failure == null ? "print('hi')" : null,
        "offline",
        "offline-template-1",
        true,
        TokenUsage.of(10, 5),
        List.of(
            new PluginReport(
                "py_compile",
                PluginVerdict.PASSED,
                3,
                "ok",
                List.of(new Diagnostic(1, 1, "info", "none", "fine")))),
        failure,
        List.of(
            new Finding(
                "output.insecure_code",
                "python.crypto.md5",
                "CWE-328",
                Severity.LOW,
                2,
                5,
                "hashlib.md5(data)",
                "uses MD5",
                "use hashlib.sha256")),
        Map.of("team", "data"),
        Instant.now());
  }

  private void send(String topic, String key, Object event, String eventId) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, key, EventJson.write(event));
    if (eventId != null) {
      record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
    }
    kafka.send(record).join();
  }

  private String statusOf(String job) {
    return jdbc
        .query("SELECT status FROM jobs WHERE id = ?::uuid", (rs, n) -> rs.getString(1), job)
        .stream()
        .findFirst()
        .orElse(null);
  }

  private long auditCount(String job) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid", Long.class, job);
  }
}
