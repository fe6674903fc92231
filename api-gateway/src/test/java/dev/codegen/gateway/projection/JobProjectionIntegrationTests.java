package dev.codegen.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.job.JobQueries;
import dev.codegen.gateway.metrics.GatewayMeters;
import dev.codegen.gateway.projection.JobProjection.Identified;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.Attempt;
import dev.codegen.model.Checks;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one-statement progress batch, called directly with polls a consumer could deliver. */
@GatewayIntegrationTest
class JobProjectionIntegrationTests {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired JobProjection projection;
  @Autowired JdbcTemplate jdbc;
  @Autowired JobQueries queries;
  @Autowired MeterRegistry registry;

  @Test
  void manyEventsOfOneJobInAPollLeaveItsHighestStatusDatedByItsFirstEvent() {
    UUID job = queued();
    UUID other = queued();
    Identified<JobProgressed> generating =
        event(job, JobStatus.GENERATING, "generation.started", 0);

    projection.progressed(
        List.of(
            generating,
            event(other, JobStatus.GENERATING, "generation.started", 1),
            event(job, JobStatus.POST_PROCESSING, "model.responded", 2),
            event(job, JobStatus.GENERATING, "gate.input.passed", 3),
            generating));

    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", job))
        .containsEntry("status", "post_processing");
    assertThat(jdbc.queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, other))
        .isEqualTo("generating");
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_events WHERE job_id = ? ORDER BY occurred_at, id",
                String.class,
                job))
        .containsExactly("generation.started", "model.responded", "gate.input.passed");
  }

  @Test
  void neverMovesAJobBackNorToATerminalStatusAndRecordsEveryFact() {
    UUID job = queued();
    projection.progressed(List.of(event(job, JobStatus.POST_PROCESSING, "model.responded", 0)));
    OffsetDateTime updated = updatedAt(job);
    Identified<JobProgressed> redelivered = event(job, JobStatus.GENERATING, "late", 1);

    projection.progressed(
        List.of(redelivered, event(job, JobStatus.SUCCEEDED, "plugin.reported", 2), redelivered));

    assertThat(jdbc.queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, job))
        .isEqualTo("post_processing");
    assertThat(updatedAt(job)).isEqualTo(updated);
    assertThat(
            jdbc.queryForList(
                "SELECT status FROM audit_events WHERE job_id = ? ORDER BY occurred_at",
                String.class,
                job))
        .containsExactly("post_processing", "generating", "succeeded");
  }

  @Test
  void movesAJobTheIntakeRegisteredForward() {
    UUID job = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, language, created_at, updated_at)"
            + " VALUES (?, 'queued', 0, 'kafka', 'go', ?, ?)",
        job,
        T0.minusSeconds(60).atOffset(ZoneOffset.UTC),
        T0.minusSeconds(60).atOffset(ZoneOffset.UTC));

    projection.progressed(List.of(event(job, JobStatus.GENERATING, "generation.started", 0)));

    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", job))
        .containsEntry("status", "generating")
        .containsEntry("language", "go");
    assertThat(
            jdbc.queryForObject(
                "SELECT created_at FROM jobs WHERE id = ?", OffsetDateTime.class, job))
        .isEqualTo(T0.minusSeconds(60).atOffset(ZoneOffset.UTC));
    assertThat(updatedAt(job)).isAfter(T0.atOffset(ZoneOffset.UTC));
  }

  @Test
  void firstResultOfAJobInAPollWinsAndEveryResultIsAudited() {
    UUID job = queued();
    UUID other = queued();
    Failure failure = new Failure(FailureReason.CHECK_FAILED, "javac", "boom");

    projection.finished(
        List.of(
            result(job, JobStatus.SUCCEEDED, "print(1)", null, 0),
            result(other, JobStatus.FAILED, null, failure, 1),
            result(job, JobStatus.FAILED, null, failure, 2)));

    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", job))
        .containsEntry("status", "succeeded")
        .containsEntry("code", "print(1)")
        .containsEntry("language", "python")
        .containsEntry("offline", true)
        .containsEntry("total_tokens", 15L)
        .containsEntry("failure_reason", null);
    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", other))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "check_failed")
        .containsEntry("failure_rule", "javac");
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_events WHERE job_id = ? ORDER BY occurred_at",
                String.class,
                job))
        .containsExactly("job.succeeded", "outcome.ignored");
  }

  @Test
  void countsEachJobOnceByTheStatusAndReasonThatWon() {
    UUID job = queued();
    UUID other = queued();
    Failure failure = new Failure(FailureReason.CHECK_FAILED, "javac", "boom");
    double succeeded = finished("succeeded", "none");
    double failed = finished("failed", "check_failed");

    projection.finished(
        List.of(
            result(job, JobStatus.SUCCEEDED, "x", null, 0),
            result(other, JobStatus.FAILED, null, failure, 1),
            result(job, JobStatus.FAILED, null, failure, 2)));
    projection.finished(List.of(result(other, JobStatus.SUCCEEDED, "x", null, 3)));

    assertThat(finished("succeeded", "none") - succeeded).isEqualTo(1);
    assertThat(finished("failed", "check_failed") - failed).isEqualTo(1);
  }

  private double finished(String status, String reason) {
    Counter counter =
        registry.find(GatewayMeters.FINISHED).tag("status", status).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void progressForAJobTheStoreDoesNotHoldCreatesNoJob() {
    UUID unknown = UUID.randomUUID();

    projection.progressed(List.of(event(unknown, JobStatus.GENERATING, "generation.started", 0)));

    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs WHERE id = ?", Long.class, unknown))
        .isZero();
  }

  @Test
  void onlyTheWinningOutcomeAnnouncesTheJobsResult() {
    UUID job = queued();
    jdbc.update("DELETE FROM outbox");

    int first = projection.finished(List.of(result(job, JobStatus.SUCCEEDED, "x", null, 0)));
    int rerun = projection.finished(List.of(result(job, JobStatus.SUCCEEDED, "x", null, 0)));
    int late = projection.finished(List.of(result(job, JobStatus.FAILED, null, null, 1)));

    assertThat(first).isEqualTo(1);
    assertThat(rerun).isZero();
    assertThat(late).isZero();
    assertThat(
            jdbc.queryForList(
                "SELECT event_id FROM outbox WHERE record_key = ? AND topic = ?",
                UUID.class,
                job.toString(),
                Topics.RESULTS))
        .hasSizeLessThanOrEqualTo(1)
        .allMatch(id -> id.equals(EventIds.result(job.toString())));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_events WHERE job_id = ? AND action LIKE 'job.%'",
                Long.class, job))
        .isEqualTo(1);
  }

  @Test
  void resultKeepsTheRequestFieldsTheIntakeStoredAndALaterResultChangesNothing() {
    UUID job = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, language, custom_id, metadata,"
            + " created_at, updated_at) VALUES (?, 'generating', 1, 'kafka', 'go', 'mine',"
            + " '{\"own\":\"1\"}'::jsonb, now(), now())",
        job);

    projection.finished(List.of(result(job, JobStatus.SUCCEEDED, "x", null, 0)));
    projection.finished(List.of(result(job, JobStatus.FAILED, null, null, 1)));

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", job);
    assertThat(row)
        .containsEntry("status", "succeeded")
        .containsEntry("language", "go")
        .containsEntry("custom_id", "mine")
        .containsEntry("model", "offline-template-1")
        .containsEntry("code", "x");
    assertThat(
            jdbc.queryForObject(
                "SELECT metadata->>'own' FROM jobs WHERE id = ?", String.class, job))
        .isEqualTo("1");
    assertThat(
            jdbc.queryForObject(
                "SELECT finished_at FROM jobs WHERE id = ?", OffsetDateTime.class, job))
        .isEqualTo(T0.atOffset(ZoneOffset.UTC));
  }

  @Test
  void storesAndShowsWhetherTheChecksWereCompleteAndWhatWasMissing() throws Exception {
    UUID incomplete = queued();
    UUID neverChecked = queued();
    Checks checks =
        Checks.complete()
            .with(
                new MissingCheck(
                    "syntax", MissingCheck.Reason.TIMEOUT, "python3 exceeded PT5S; killed"));
    JobFinished base = result(incomplete, JobStatus.FAILED, "x = 1", null, 0).event();
    JobFinished failed =
        new JobFinished(
            base.jobId(),
            base.customId(),
            base.batchId(),
            base.status(),
            base.language(),
            base.code(),
            base.provider(),
            base.model(),
            base.offline(),
            base.usage(),
            base.reports(),
            checks,
            new Failure(FailureReason.CHECK_INCOMPLETE, "syntax", "checks incomplete: ..."),
            base.findings(),
            base.metadata(),
            base.finishedAt());
    projection.finished(
        List.of(
            new Identified<>(UUID.randomUUID(), failed, "outcomes"),
            result(neverChecked, JobStatus.FAILED, null, null, 1)));

    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", incomplete))
        .containsEntry("failure_reason", "check_incomplete")
        .containsEntry("failure_rule", "syntax");
    JsonMapper json = JsonMapper.builder().build();
    JsonNode shown =
        json.readTree(json.writeValueAsString(queries.find(incomplete, "default").orElseThrow()));
    assertThat(shown.get("checks").get("status").asString()).isEqualTo("incomplete");
    assertThat(shown.get("checks").get("missing").get(0).get("plugin").asString())
        .isEqualTo("syntax");
    assertThat(shown.get("checks").get("missing").get(0).get("reason").asString())
        .isEqualTo("timeout");
    assertThat(shown.get("failure").get("reason").asString()).isEqualTo("check_incomplete");
    JsonNode unchecked =
        json.readTree(json.writeValueAsString(queries.find(neverChecked, "default").orElseThrow()));
    assertThat(unchecked.get("checks").isNull()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT detail->>'checks' FROM audit_events WHERE job_id = ? AND action LIKE 'job.%'",
                String.class, incomplete))
        .isEqualTo("incomplete");
  }

  @Test
  void storesAndShowsBothAttemptsOfARepairedJobAndWhichOneItReturns() throws Exception {
    UUID repaired = queued();
    UUID single = queued();
    JobFinished base = result(repaired, JobStatus.SUCCEEDED, "fixed", null, 0).event();
    Failure failure = new Failure(FailureReason.CHECK_FAILED, "javac", "javac: line 3 boom");
    JobFinished withAttempts =
        new JobFinished(
            base.jobId(),
            base.customId(),
            base.batchId(),
            base.status(),
            base.language(),
            base.code(),
            base.provider(),
            base.model(),
            base.offline(),
            TokenUsage.of(20, 10),
            base.reports(),
            Checks.complete(),
            null,
            base.findings(),
            base.metadata(),
            base.finishedAt(),
            List.of(
                new Attempt(
                    1,
                    Attempt.Verdict.FAILED,
                    "broken",
                    TokenUsage.of(10, 5),
                    failure,
                    List.of(new Diagnostic(3, 5, "error", "compiler.err", "boom"))),
                new Attempt(2, Attempt.Verdict.PASSED, "fixed", TokenUsage.of(10, 5), null, null)),
            2);

    projection.finished(
        List.of(
            new Identified<>(UUID.randomUUID(), withAttempts, "outcomes"),
            result(single, JobStatus.SUCCEEDED, "x", null, 1)));

    JsonMapper json = JsonMapper.builder().build();
    JsonNode shown =
        json.readTree(json.writeValueAsString(queries.find(repaired, "default").orElseThrow()));
    assertThat(shown.get("returned_attempt").asInt()).isEqualTo(2);
    assertThat(shown.get("attempts").size()).isEqualTo(2);
    assertThat(shown.get("attempts").get(0).get("verdict").asString()).isEqualTo("failed");
    assertThat(shown.get("attempts").get(0).get("diagnostics").get(0).get("line").asInt())
        .isEqualTo(3);
    assertThat(shown.get("attempts").get(1).get("code").asString()).isEqualTo("fixed");
    assertThat(shown.get("usage").get("total_tokens").asLong()).isEqualTo(30);
    JsonNode plain =
        json.readTree(json.writeValueAsString(queries.find(single, "default").orElseThrow()));
    assertThat(plain.get("attempts").isNull()).isTrue();
    assertThat(plain.get("returned_attempt").isNull()).isTrue();
  }

  /** A job as the store holds it before any worker reports on it. */
  private UUID queued() {
    UUID job = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, created_at, updated_at)"
            + " VALUES (?, 'queued', 0, 'http', now(), now())",
        job);
    return job;
  }

  private static Identified<JobFinished> result(
      UUID job, JobStatus status, String code, Failure failure, int second) {
    return new Identified<>(
        EventIds.outcome(job.toString(), status.wireName() + second),
        new JobFinished(
            job.toString(),
            "row-1",
            "batch-9",
            status,
            Language.PYTHON,
            code,
            "offline",
            "offline-template-1",
            true,
            TokenUsage.of(10, 5),
            List.of(),
            failure,
            List.of(),
            Map.of("team", "data"),
            T0.plusSeconds(second)),
        "outcomes");
  }

  private static Identified<JobProgressed> event(
      UUID job, JobStatus status, String action, int second) {
    UUID eventId = UUID.randomUUID();
    return new Identified<>(
        eventId,
        new JobProgressed(
            eventId,
            job.toString(),
            status,
            action,
            Map.of("n", String.valueOf(second)),
            "worker",
            T0.plusSeconds(second)),
        "worker");
  }

  private OffsetDateTime updatedAt(UUID job) {
    return jdbc.queryForObject(
        "SELECT updated_at FROM jobs WHERE id = ?", OffsetDateTime.class, job);
  }
}
