package dev.codegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.gateway.intake.JobRegistration.Registration;
import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RefusingTrigger;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.GenerationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The batch statement of the intake, called directly with batches a poll could deliver. */
@GatewayIntegrationTest
class JobRegistrationIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired JobRegistration registration;
  @Autowired JdbcTemplate jdbc;

  @Test
  void registersEveryRequestOfABatchWithItsAuditRow() {
    List<Registration> batch =
        List.of(
            registration(UUID.randomUUID(), request("a", "b1", "python", 64)),
            registration(UUID.randomUUID(), request("b", "b1", "Go", null)),
            registration(UUID.randomUUID(), request("c", "b1", "cobol", 10)));

    registration.register(batch);

    assertThat(
            jdbc.queryForList(
                "SELECT language FROM jobs WHERE batch_id = 'b1' ORDER BY custom_id", String.class))
        .containsExactly("python", "go", null);
    assertThat(
            jdbc.queryForList(
                "SELECT max_tokens FROM jobs WHERE batch_id = 'b1' ORDER BY custom_id",
                Integer.class))
        .containsExactly(64, null, 10);
    assertThat(
            jdbc.queryForList(
                "SELECT a.detail->>'language' FROM audit_events a JOIN jobs j ON j.id = a.job_id"
                    + " WHERE a.action = 'job.accepted' AND j.batch_id = 'b1'"
                    + " ORDER BY j.custom_id",
                String.class))
        .containsExactly("python", "go", "unsupported");
    for (Registration r : batch) {
      UUID id = UUID.fromString(r.jobId());
      assertThat(
              jdbc.queryForObject(
                  "SELECT event_id FROM audit_events WHERE job_id = ?", UUID.class, id))
          .isEqualTo(JobAudit.acceptedEventId(id));
    }
  }

  @Test
  void registersAJobIdTwiceInOneBatchFromItsFirstRecord() {
    UUID id = UUID.randomUUID();

    registration.register(
        List.of(
            registration(id, request("first", "dup", "typescript", 100)),
            registration(UUID.randomUUID(), request("other", "dup", "go", null)),
            registration(id, request("second", "dup", "java", 200))));

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", id);
    assertThat(row)
        .containsEntry("custom_id", "first")
        .containsEntry("language", "typescript")
        .containsEntry("max_tokens", 100);
    assertThat(count("SELECT count(*) FROM jobs WHERE batch_id = 'dup'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  void registeringTheSameBatchAgainChangesNothing() {
    UUID id = UUID.randomUUID();
    List<Registration> batch = List.of(registration(id, request("again", "redo", "java", 5)));
    registration.register(batch);
    OffsetDateTime updated = updatedAt(id);

    registration.register(batch);

    assertThat(updatedAt(id)).isEqualTo(updated);
    assertThat(count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  void fillsInOnlyKafkaJobsWithoutLanguageAndLeavesOtherKnownJobsAlone() {
    UUID early = UUID.randomUUID();
    UUID http = UUID.randomUUID();
    UUID known = UUID.randomUUID();
    insertJob(early, "generating", "kafka", null, "{}");
    insertJob(http, "queued", "http", "java", "{\"own\":\"1\"}");
    insertJob(known, "queued", "kafka", "go", "{}");

    registration.register(
        List.of(
            registration(early, request("e", "fill", "bash", 7)),
            registration(http, request("h", "fill", "python", 7)),
            registration(known, request("k", "fill", "python", 7))));

    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", early))
        .containsEntry("status", "generating")
        .containsEntry("language", "bash")
        .containsEntry("custom_id", "e")
        .containsEntry("batch_id", "fill")
        .containsEntry("max_tokens", 7);
    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", http))
        .containsEntry("language", "java")
        .containsEntry("custom_id", null)
        .containsEntry("source", "http");
    assertThat(
            jdbc.queryForObject("SELECT metadata::text FROM jobs WHERE id = ?", String.class, http))
        .isEqualTo("{\"own\": \"1\"}");
    assertThat(jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", known))
        .containsEntry("language", "go")
        .containsEntry("custom_id", null);
  }

  @Test
  void clipsLongTextsAndDatesJobsByTheirRequestTime() {
    UUID dated = UUID.randomUUID();
    UUID undated = UUID.randomUUID();
    Instant requested = Instant.parse("2026-01-02T03:04:05.123456Z");
    String longId = "x".repeat(300);
    Instant before = Instant.now().minusSeconds(1);

    registration.register(
        List.of(
            registration(
                dated,
                new GenerationRequested(
                    null, longId, "b", "p", "java", null, "m".repeat(250), null, requested)),
            registration(undated, request("u", "b", "java", null))));

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", dated);
    assertThat((String) row.get("custom_id")).hasSize(200);
    assertThat((String) row.get("model")).hasSize(200);
    assertThat(createdAt(dated)).isEqualTo(requested.atOffset(ZoneOffset.UTC));
    assertThat(createdAt(undated).toInstant()).isAfter(before);
    assertThat(
            jdbc.queryForObject(
                "SELECT occurred_at FROM audit_events WHERE job_id = ?",
                OffsetDateTime.class,
                dated))
        .isEqualTo(requested.atOffset(ZoneOffset.UTC));
  }

  @Test
  void storesNoneOfABatchWhenOneRowIsRefused() {
    UUID good = UUID.randomUUID();
    UUID bad = UUID.randomUUID();
    RefusingTrigger.install(jdbc, "jobs", "NEW.custom_id = 'refused-atomic'");

    assertThatThrownBy(
            () ->
                registration.register(
                    List.of(
                        registration(good, request("good", "atomic", "java", null)),
                        registration(bad, request("refused-atomic", "atomic", "java", null)))))
        .isInstanceOf(DataAccessException.class);

    assertThat(count("SELECT count(*) FROM jobs WHERE batch_id = 'atomic'")).isZero();
    assertThat(count("SELECT count(*) FROM audit_events WHERE job_id = '" + good + "'")).isZero();
  }

  @Test
  void dropsNulCharactersAndDatesRequestsOutOfRangeByTheirIntake() {
    UUID odd = UUID.randomUUID();
    String nul = String.valueOf((char) 0);
    Instant before = Instant.now().minusSeconds(1);

    registration.register(
        List.of(
            registration(
                odd,
                new GenerationRequested(
                    null,
                    "row" + nul + "-7",
                    "b" + nul,
                    "p",
                    "go",
                    null,
                    "m" + nul,
                    Map.of("te" + nul + "am", "da" + nul + "ta"),
                    Instant.parse("+300000-01-01T00:00:00Z")))));

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jobs WHERE id = ?", odd);
    assertThat(row)
        .containsEntry("custom_id", "row-7")
        .containsEntry("batch_id", "b")
        .containsEntry("model", "m");
    assertThat(row.get("metadata")).hasToString("{\"team\": \"data\"}");
    assertThat(createdAt(odd).toInstant()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void anEmptyBatchStoresNothing() {
    long before = count("SELECT count(*) FROM jobs");

    registration.register(List.of());

    assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(before);
  }

  private static Registration registration(UUID id, GenerationRequested request) {
    return new Registration(id.toString(), request);
  }

  private static GenerationRequested request(
      String customId, String batchId, String language, Integer maxTokens) {
    return new GenerationRequested(
        null, customId, batchId, "p", language, maxTokens, null, Map.of("k", "v"), null);
  }

  private void insertJob(UUID id, String status, String source, String language, String meta) {
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, language, metadata, created_at,"
            + " updated_at) VALUES (?, ?, 1, ?, ?, ?::jsonb, now(), now())",
        id,
        status,
        source,
        language,
        meta);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  private OffsetDateTime createdAt(UUID id) {
    return jdbc.queryForObject(
        "SELECT created_at FROM jobs WHERE id = ?", OffsetDateTime.class, id);
  }

  private OffsetDateTime updatedAt(UUID id) {
    return jdbc.queryForObject(
        "SELECT updated_at FROM jobs WHERE id = ?", OffsetDateTime.class, id);
  }
}
