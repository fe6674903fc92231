package dev.codegen.gateway.projection;

import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.model.Failure;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.TokenUsage;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies progress and results to the job store idempotently: audit rows are unique by event id,
 * status only moves to a higher rank, and the first terminal status wins. Jobs the gateway has not
 * seen (bulk requests not yet taken in) are created on the spot. A batch of records is applied in
 * one transaction: one commit per poll instead of one per record.
 */
@Repository
class JobProjection {

  private static final String AUDIT =
      """
      INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
      VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
      ON CONFLICT (event_id) DO NOTHING
      """;

  private static final String ADVANCE =
      """
      INSERT INTO jobs (id, status, status_rank, source, created_at, updated_at)
      VALUES (?, ?, ?, 'kafka', ?, now())
      ON CONFLICT (id) DO UPDATE
        SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, updated_at = now()
        WHERE jobs.status_rank < EXCLUDED.status_rank
      """;

  private static final String FINISH =
      """
      INSERT INTO jobs (id, status, status_rank, source, language, model, provider, offline,
                        custom_id, batch_id, metadata, code, input_tokens, output_tokens,
                        total_tokens, reports, failure_reason, failure_rule, failure_message,
                        created_at, updated_at, finished_at)
      VALUES (?, ?, 3, 'kafka', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?,
              ?, now(), ?)
      ON CONFLICT (id) DO UPDATE SET
        status = EXCLUDED.status, status_rank = 3,
        language = COALESCE(jobs.language, EXCLUDED.language),
        model = COALESCE(EXCLUDED.model, jobs.model),
        provider = EXCLUDED.provider, offline = EXCLUDED.offline,
        custom_id = COALESCE(jobs.custom_id, EXCLUDED.custom_id),
        batch_id = COALESCE(jobs.batch_id, EXCLUDED.batch_id),
        metadata = CASE WHEN jobs.metadata = '{}'::jsonb THEN EXCLUDED.metadata
                        ELSE jobs.metadata END,
        code = EXCLUDED.code, input_tokens = EXCLUDED.input_tokens,
        output_tokens = EXCLUDED.output_tokens, total_tokens = EXCLUDED.total_tokens,
        reports = EXCLUDED.reports, failure_reason = EXCLUDED.failure_reason,
        failure_rule = EXCLUDED.failure_rule, failure_message = EXCLUDED.failure_message,
        updated_at = now(), finished_at = EXCLUDED.finished_at
      WHERE jobs.status_rank < 3
      """;

  private final JdbcTemplate jdbc;
  private final EventJson json;

  JobProjection(JdbcTemplate jdbc, EventJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** An event with the id it is deduplicated by. */
  record Identified<T>(UUID eventId, T event) {}

  /**
   * Applies a batch of progress events in one transaction: all audit rows in one JDBC batch, then
   * all status moves in another (one round trip each, whatever the batch size).
   */
  @Transactional
  public void progressed(List<Identified<JobProgressed>> events) {
    List<Object[]> audit = new ArrayList<>(events.size());
    List<Object[]> advance = new ArrayList<>(events.size());
    for (Identified<JobProgressed> identified : events) {
      JobProgressed event = identified.event();
      UUID jobId = UUID.fromString(event.jobId());
      OffsetDateTime at = time(event.occurredAt());
      String status = event.status().wireName();
      audit.add(
          new Object[] {
            identified.eventId(),
            jobId,
            event.action(),
            status,
            event.source() == null ? "unknown" : event.source(),
            json.write(event.detail()),
            at
          });
      if (!event.status().isTerminal()) {
        // Terminal statuses come only from JobFinished; here they are audit facts only.
        advance.add(new Object[] {jobId, status, (short) event.status().rank(), at});
      }
    }
    jdbc.batchUpdate(AUDIT, audit);
    // Rank only moves forward, so order is free: job id order makes concurrent batches lock rows
    // in the same order and keeps them from deadlocking.
    advance.sort(Comparator.comparing((Object[] row) -> (UUID) row[0]));
    jdbc.batchUpdate(ADVANCE, advance);
  }

  /**
   * Applies a batch of results in one transaction: audit rows, then outcomes, each as one JDBC
   * batch. The first terminal status of a job wins (the sort keeps arrival order per job).
   */
  @Transactional
  public void finished(List<Identified<JobFinished>> events) {
    List<Object[]> audit = new ArrayList<>(events.size());
    for (Identified<JobFinished> identified : events) {
      JobFinished event = identified.event();
      String status = event.status().wireName();
      audit.add(
          new Object[] {
            identified.eventId(),
            UUID.fromString(event.jobId()),
            "job." + status,
            status,
            "results",
            json.write(auditDetail(event)),
            time(event.finishedAt())
          });
    }
    jdbc.batchUpdate(AUDIT, audit);
    List<JobFinished> outcomes = new ArrayList<>(events.stream().map(Identified::event).toList());
    outcomes.sort(Comparator.comparing(JobFinished::jobId));
    jdbc.batchUpdate(
        FINISH,
        outcomes,
        outcomes.size(),
        (ps, event) -> {
          TokenUsage usage = event.usage();
          Failure failure = event.failure();
          OffsetDateTime at = time(event.finishedAt());
          ps.setObject(1, UUID.fromString(event.jobId()));
          ps.setString(2, event.status().wireName());
          ps.setString(3, event.language() == null ? null : event.language().wireName());
          ps.setString(4, event.model());
          ps.setString(5, event.provider());
          ps.setBoolean(6, event.offline());
          ps.setString(7, event.customId());
          ps.setString(8, event.batchId());
          ps.setString(9, json.write(event.metadata()));
          ps.setString(10, event.code());
          ps.setObject(11, usage == null ? null : usage.inputTokens(), Types.BIGINT);
          ps.setObject(12, usage == null ? null : usage.outputTokens(), Types.BIGINT);
          ps.setObject(13, usage == null ? null : usage.totalTokens(), Types.BIGINT);
          ps.setString(14, json.write(event.reports()));
          ps.setString(
              15, failure == null || failure.reason() == null ? null : failure.reason().wireName());
          ps.setString(16, failure == null ? null : failure.rule());
          ps.setString(17, failure == null ? null : failure.message());
          ps.setObject(18, at);
          ps.setObject(19, at);
        });
  }

  private static Map<String, String> auditDetail(JobFinished event) {
    Failure failure = event.failure();
    Map<String, String> detail = new LinkedHashMap<>();
    putIfPresent(detail, "provider", event.provider());
    putIfPresent(detail, "model", event.model());
    if (failure != null) {
      putIfPresent(detail, "reason", failure.reason() == null ? null : failure.reason().wireName());
      putIfPresent(detail, "rule", failure.rule());
    }
    return detail;
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant == null ? Instant.now() : instant, ZoneOffset.UTC);
  }
}
