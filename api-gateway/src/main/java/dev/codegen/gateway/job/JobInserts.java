package dev.codegen.gateway.job;

import dev.codegen.gateway.outbox.OutboxRecord;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Topics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores a batch of accepted jobs, their {@code job.accepted} audit rows and their outbox records
 * in ONE statement: one round trip and one commit for the whole batch, all rows or none. Columns
 * travel as arrays and are unnested on the server, so the statement text is the same for every
 * batch size.
 */
@Repository
class JobInserts {

  private static final String INSERT =
      """
      WITH input AS MATERIALIZED (
        SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::int[],
                             ?::text[], ?::text[], ?::jsonb[], ?::uuid[], ?::jsonb[], ?::uuid[],
                             ?::text[], ?::text[], ?::uuid[], ?::bigint[], ?::bigint[], ?::text[])
          WITH ORDINALITY AS t(id, at, language, model, max_tokens, custom_id, batch_id, metadata,
                               audit_id, detail, outbox_id, payload, tenant, api_key_id,
                               reserved_tokens, reserved_cost_nanos, trace_parent, n)
      ), job AS (
        INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens,
                          custom_id, batch_id, metadata, created_at, updated_at, tenant,
                          api_key_id, reserved_tokens, reserved_cost_nanos, trace_parent)
        SELECT id, 'queued', 0, 'http', language, model, max_tokens, custom_id, batch_id,
               metadata, at, at, tenant, api_key_id, reserved_tokens, reserved_cost_nanos,
               trace_parent
        FROM input
      ), audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        SELECT audit_id, id, 'job.accepted', 'queued', 'http', detail, at FROM input
      )
      INSERT INTO outbox (event_id, event_type, topic, record_key, payload, headers)
      SELECT outbox_id, ?, ?, id::text, payload, %s
      FROM input ORDER BY n
      """
          .formatted(OutboxRecord.TRACE_HEADERS_SQL);

  private final JdbcTemplate jdbc;
  private final int timeoutSeconds;

  JobInserts(JdbcTemplate jdbc, AcceptProperties properties) {
    this.jdbc = jdbc;
    // Bounds how long a request whose batch is already being written can wait (see AcceptBatcher).
    this.timeoutSeconds = (int) Math.max(1, properties.timeout().toSeconds());
  }

  /**
   * Stores {@code jobs} atomically, in order (in the caller's transaction, if any); the relay still
   * has to be woken by the caller.
   */
  void insert(List<NewJob> jobs) {
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(INSERT);
          ps.setQueryTimeout(timeoutSeconds);
          int i = 1;
          ps.setArray(i++, column(con, jobs, j -> j.id().toString()));
          ps.setArray(i++, column(con, jobs, j -> j.createdAt().toString()));
          ps.setArray(i++, column(con, jobs, NewJob::language));
          ps.setArray(i++, column(con, jobs, NewJob::model));
          ps.setArray(
              i++, column(con, jobs, j -> j.maxTokens() == null ? null : j.maxTokens().toString()));
          ps.setArray(i++, column(con, jobs, NewJob::customId));
          ps.setArray(i++, column(con, jobs, NewJob::batchId));
          ps.setArray(i++, column(con, jobs, NewJob::metadataJson));
          ps.setArray(i++, column(con, jobs, j -> JobAudit.acceptedEventId(j.id()).toString()));
          ps.setArray(i++, column(con, jobs, NewJob::auditDetailJson));
          ps.setArray(i++, column(con, jobs, j -> j.outboxEventId().toString()));
          ps.setArray(i++, column(con, jobs, NewJob::payloadJson));
          ps.setArray(i++, column(con, jobs, j -> j.caller().tenant()));
          ps.setArray(
              i++,
              column(
                  con,
                  jobs,
                  j -> j.caller().keyId() == null ? null : j.caller().keyId().toString()));
          ps.setArray(i++, column(con, jobs, j -> Long.toString(j.reserved().tokens())));
          ps.setArray(i++, column(con, jobs, j -> Long.toString(j.reserved().costNanos())));
          ps.setArray(i++, column(con, jobs, NewJob::traceparent));
          ps.setString(i++, GenerationRequested.class.getSimpleName());
          ps.setString(i, Topics.JOBS);
          return ps;
        });
  }

  private static Array column(Connection con, List<NewJob> jobs, Function<NewJob, String> value)
      throws SQLException {
    return con.createArrayOf("text", jobs.stream().map(value).toArray(String[]::new));
  }
}
