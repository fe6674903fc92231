package dev.codegen.gateway.projection;

import dev.codegen.gateway.database.PgValues;
import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.model.Failure;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.TokenUsage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Applies progress and results to the job store idempotently: audit rows are unique by event id,
 * status only moves to a higher rank, and the first terminal status wins. Jobs the gateway has not
 * seen (bulk requests not yet taken in) are created on the spot. A batch of records is applied in
 * one transaction: one commit per poll instead of one per record; a batch of progress events is one
 * statement. Values PostgreSQL would refuse are made acceptable first ({@link PgValues}): NUL
 * characters dropped, event times outside years 1 to 9999 replaced by the time of projection.
 */
@Repository
class JobProjection {

  /**
   * A whole poll of progress events in one statement: its audit rows, then one status move per job
   * (columns as arrays, unnested on the server). Audit rows with an event id already stored or
   * repeated in the poll are skipped by {@code DO NOTHING}.
   */
  private static final String PROGRESS =
      """
      WITH audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::jsonb[],
                             ?::timestamptz[])
        ON CONFLICT (event_id) DO NOTHING
      )
      INSERT INTO jobs (id, status, status_rank, source, created_at, updated_at)
      SELECT id, status, rank, 'kafka', at, now()
      FROM unnest(?::uuid[], ?::text[], ?::smallint[], ?::timestamptz[]) AS t(id, status, rank, at)
      ORDER BY id
      ON CONFLICT (id) DO UPDATE
        SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, updated_at = now()
        WHERE jobs.status_rank < EXCLUDED.status_rank
      """;

  /**
   * A whole poll of results in one statement: its audit rows, then each job's outcome. Request
   * fields the job row has already are kept; a job already terminal is left alone.
   */
  private static final String FINISH =
      """
      WITH audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::jsonb[],
                             ?::timestamptz[])
        ON CONFLICT (event_id) DO NOTHING
      )
      INSERT INTO jobs (id, status, status_rank, source, language, model, provider, offline,
                        custom_id, batch_id, metadata, code, input_tokens, output_tokens,
                        total_tokens, reports, failure_reason, failure_rule, failure_message,
                        created_at, updated_at, finished_at)
      SELECT id, status, 3, 'kafka', language, model, provider, offline, custom_id, batch_id,
             metadata, code, input_tokens, output_tokens, total_tokens, reports, failure_reason,
             failure_rule, failure_message, at, now(), at
      FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                  ?::text[], ?::jsonb[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::jsonb[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
        AS t(id, status, language, model, provider, offline, custom_id, batch_id, metadata, code,
             input_tokens, output_tokens, total_tokens, reports, failure_reason, failure_rule,
             failure_message, at)
      ORDER BY id
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
   * Applies a batch of progress events in one statement. Status only moves to a higher rank, so the
   * events of one job reduce to its highest-ranked one (a statement may touch a row only once),
   * dated by its first event in case the job row is created here.
   */
  public void progressed(List<Identified<JobProgressed>> events) {
    List<String[]> audit = new ArrayList<>(events.size());
    Map<UUID, Advance> advances = new LinkedHashMap<>();
    for (Identified<JobProgressed> identified : events) {
      JobProgressed event = identified.event();
      UUID jobId = UUID.fromString(event.jobId());
      String at = time(event.occurredAt()).toString();
      audit.add(
          new String[] {
            identified.eventId().toString(),
            jobId.toString(),
            event.action(),
            event.status().wireName(),
            event.source() == null ? "unknown" : event.source(),
            PgValues.json(json.write(event.detail())),
            at
          });
      if (!event.status().isTerminal()) {
        // Terminal statuses come only from JobFinished; here they are audit facts only.
        advances.merge(
            jobId, new Advance(jobId, event.status(), at), (first, next) -> first.raise(next));
      }
    }
    List<Advance> moves = new ArrayList<>(advances.values());
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(PROGRESS);
          int i = 1;
          for (int column = 0; column < 7; column++) {
            int c = column;
            ps.setArray(i++, text(con, audit.stream().map(row -> row[c])));
          }
          ps.setArray(i++, text(con, moves.stream().map(m -> m.jobId().toString())));
          ps.setArray(i++, text(con, moves.stream().map(m -> m.status().wireName())));
          ps.setArray(i++, text(con, moves.stream().map(m -> String.valueOf(m.status().rank()))));
          ps.setArray(i, text(con, moves.stream().map(Advance::at)));
          return ps;
        });
  }

  private static Array text(Connection con, Stream<String> values) throws SQLException {
    return con.createArrayOf("text", values.map(PgValues::text).toArray(String[]::new));
  }

  /** The status move of one job: its highest status in the batch, dated by its first event. */
  private record Advance(UUID jobId, JobStatus status, String at) {
    Advance raise(Advance next) {
      return next.status().rank() > status.rank() ? new Advance(jobId, next.status(), at) : this;
    }
  }

  /**
   * Applies a batch of results in one statement. The first terminal status of a job wins, so only a
   * job's first result in the batch can change its row (a statement may touch a row only once);
   * every result gets its audit row.
   */
  public void finished(List<Identified<JobFinished>> events) {
    List<String[]> audit = new ArrayList<>(events.size());
    Map<String, String[]> outcomes = new LinkedHashMap<>();
    for (Identified<JobFinished> identified : events) {
      JobFinished event = identified.event();
      String status = event.status().wireName();
      String at = time(event.finishedAt()).toString();
      String jobId = UUID.fromString(event.jobId()).toString();
      audit.add(
          new String[] {
            identified.eventId().toString(),
            jobId,
            "job." + status,
            status,
            "results",
            PgValues.json(json.write(auditDetail(event))),
            at
          });
      outcomes.computeIfAbsent(jobId, id -> outcome(id, event, at));
    }
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(FINISH);
          int i = 1;
          for (int column = 0; column < 7; column++) {
            int c = column;
            ps.setArray(i++, text(con, audit.stream().map(row -> row[c])));
          }
          for (int column = 0; column < 18; column++) {
            int c = column;
            ps.setArray(i++, text(con, outcomes.values().stream().map(row -> row[c])));
          }
          return ps;
        });
  }

  private String[] outcome(String jobId, JobFinished event, String at) {
    TokenUsage usage = event.usage();
    Failure failure = event.failure();
    return new String[] {
      jobId,
      event.status().wireName(),
      event.language() == null ? null : event.language().wireName(),
      event.model(),
      event.provider(),
      String.valueOf(event.offline()),
      event.customId(),
      event.batchId(),
      PgValues.json(json.write(event.metadata())),
      event.code(),
      usage == null ? null : text(usage.inputTokens()),
      usage == null ? null : text(usage.outputTokens()),
      usage == null ? null : text(usage.totalTokens()),
      PgValues.json(json.write(event.reports())),
      failure == null || failure.reason() == null ? null : failure.reason().wireName(),
      failure == null ? null : failure.rule(),
      failure == null ? null : failure.message(),
      at
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
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
    Instant valid = PgValues.time(instant);
    return OffsetDateTime.ofInstant(valid == null ? Instant.now() : valid, ZoneOffset.UTC);
  }
}
