package dev.codegen.gateway.projection;

import dev.codegen.gateway.database.PgValues;
import dev.codegen.gateway.metrics.GatewayMeters;
import dev.codegen.gateway.outbox.OutboxRecord;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
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
 * Applies workers' progress and outcomes to the job store idempotently, and decides each job's one
 * terminal status: audit rows are unique by event id (event ids are derived from the job and the
 * fact, so a rerun repeats them), status only moves to a higher rank, and the first terminal status
 * wins. Only the outcome that wins writes the job's {@code job.<status>} audit row and its one
 * public result (through the outbox, in the same statement); a later outcome (a rerun, or a worker
 * finishing a job its owner cancelled) is kept as an {@code outcome.ignored} audit row. A batch of
 * records is one statement. Values PostgreSQL would refuse are made acceptable first ({@link
 * PgValues}): NUL characters dropped, event times outside years 1 to 9999 replaced by the time of
 * projection.
 */
@Repository
class JobProjection {

  /**
   * A whole poll of progress events in one statement: its audit rows, then one status move per job
   * (columns as arrays, unnested on the server). Audit rows with an event id already stored or
   * repeated in the poll are skipped by {@code DO NOTHING}; jobs the store does not hold are not
   * created (every job is stored before any worker sees it).
   */
  private static final String PROGRESS =
      """
      WITH audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::jsonb[],
                             ?::timestamptz[])
        ON CONFLICT (event_id) DO NOTHING
      )
      UPDATE jobs SET status = m.status, status_rank = m.rank, updated_at = now()
      FROM (SELECT * FROM unnest(?::uuid[], ?::text[], ?::smallint[]) AS t(id, status, rank)
            ORDER BY id) AS m
      WHERE jobs.id = m.id AND jobs.status_rank < m.rank
      """;

  /**
   * A poll of outcomes (at most one per job) in one statement: the jobs still open take their
   * outcome; each outcome's audit row says whether it won; the winners' results go to the outbox;
   * it answers how many jobs it finished per status and failure reason (one outbox row each).
   */
  private static final String FINISH =
      """
      WITH input AS MATERIALIZED (
        SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                             ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::jsonb[],
                             ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[],
                             ?::text[], ?::jsonb[], ?::uuid[], ?::text[], ?::jsonb[], ?::jsonb[],
                             ?::jsonb[], ?::smallint[])
          AS t(id, status, language, model, provider, offline, code, input_tokens, output_tokens,
               total_tokens, reports, failure_reason, failure_rule, failure_message, at, audit_id,
               source, detail, result_id, payload, findings, checks, attempts, returned_attempt)
      ), moved AS (
        UPDATE jobs SET
          status = input.status, status_rank = ?,
          language = COALESCE(jobs.language, input.language),
          model = COALESCE(input.model, jobs.model),
          provider = input.provider, offline = input.offline, code = input.code,
          input_tokens = input.input_tokens, output_tokens = input.output_tokens,
          total_tokens = input.total_tokens, reports = input.reports, findings = input.findings,
          checks = input.checks, attempts = input.attempts,
          returned_attempt = input.returned_attempt,
          failure_reason = input.failure_reason, failure_rule = input.failure_rule,
          failure_message = input.failure_message, updated_at = now(), finished_at = input.at
        FROM (SELECT * FROM input ORDER BY id) AS input
        WHERE jobs.id = input.id AND jobs.status_rank < ?
        RETURNING jobs.id, jobs.status, jobs.failure_reason, jobs.trace_parent
      ), audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        SELECT input.audit_id, input.id,
               CASE WHEN moved.id IS NULL THEN 'outcome.ignored' ELSE 'job.' || input.status END,
               input.status, input.source, input.detail, input.at
        FROM input LEFT JOIN moved ON moved.id = input.id
        ON CONFLICT (event_id) DO NOTHING
      ), announced AS (
        INSERT INTO outbox (event_id, event_type, topic, record_key, payload, headers)
        SELECT input.result_id, ?, ?, input.id::text, input.payload, %s
        FROM input JOIN moved ON moved.id = input.id
        ORDER BY input.id
      )
      SELECT status, failure_reason, count(*) AS jobs FROM moved GROUP BY status, failure_reason
      """
          .formatted(OutboxRecord.TRACE_HEADERS_SQL);

  /** The arrays of {@link #FINISH}'s input, one per outcome column. */
  private static final int OUTCOME_COLUMNS = 24;

  private final JdbcTemplate jdbc;
  private final GatewayMeters meters;

  JobProjection(JdbcTemplate jdbc, GatewayMeters meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  /** An event with the id it is deduplicated by and the service that sent it. */
  record Identified<T>(UUID eventId, T event, String source) {}

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
            PgValues.json(EventJson.write(event.detail())),
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
          ps.setArray(i, text(con, moves.stream().map(m -> String.valueOf(m.status().rank()))));
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
   * Applies a batch of outcomes. A job's outcomes are applied one statement per round, in order (a
   * statement may touch a row only once): the first can win, the others are then audit rows.
   *
   * @return how many results went to the outbox
   */
  public int finished(List<Identified<JobFinished>> events) {
    int announced = 0;
    List<Identified<JobFinished>> rest = events;
    while (!rest.isEmpty()) {
      Map<String, Identified<JobFinished>> round = new LinkedHashMap<>();
      List<Identified<JobFinished>> later = new ArrayList<>();
      for (Identified<JobFinished> identified : rest) {
        if (round.putIfAbsent(identified.event().jobId(), identified) != null) {
          later.add(identified);
        }
      }
      announced += finishRound(new ArrayList<>(round.values()));
      rest = later;
    }
    return announced;
  }

  /** Applies one round; counts the jobs it finished and returns how many results it announced. */
  private int finishRound(List<Identified<JobFinished>> events) {
    List<String[]> rows = events.stream().map(JobProjection::outcome).toList();
    List<Finished> finished =
        jdbc.query(
            con -> {
              PreparedStatement ps = con.prepareStatement(FINISH);
              int i = 1;
              for (int column = 0; column < OUTCOME_COLUMNS; column++) {
                int c = column;
                ps.setArray(i++, text(con, rows.stream().map(row -> row[c])));
              }
              ps.setInt(i++, JobStatus.SUCCEEDED.rank());
              ps.setInt(i++, JobStatus.SUCCEEDED.rank());
              ps.setString(i++, JobFinished.class.getSimpleName());
              ps.setString(i, Topics.RESULTS);
              return ps;
            },
            (rs, n) ->
                new Finished(
                    rs.getString("status"), rs.getString("failure_reason"), rs.getLong("jobs")));
    int announced = 0;
    for (Finished f : finished) {
      // Counted once: only the statement that moves a job to its first terminal status reports it.
      meters.finished(f.status(), f.reason(), f.jobs());
      announced += (int) f.jobs();
    }
    return announced;
  }

  /** How many jobs one round finished with a status and failure reason. */
  private record Finished(String status, String reason, long jobs) {}

  private static String[] outcome(Identified<JobFinished> identified) {
    JobFinished event = identified.event();
    TokenUsage usage = event.usage();
    Failure failure = event.failure();
    String jobId = UUID.fromString(event.jobId()).toString();
    return new String[] {
      jobId,
      event.status().wireName(),
      event.language() == null ? null : event.language().wireName(),
      event.model(),
      event.provider(),
      String.valueOf(event.offline()),
      event.code(),
      usage == null ? null : text(usage.inputTokens()),
      usage == null ? null : text(usage.outputTokens()),
      usage == null ? null : text(usage.totalTokens()),
      PgValues.json(EventJson.write(event.reports())),
      failure == null || failure.reason() == null ? null : failure.reason().wireName(),
      failure == null ? null : failure.rule(),
      failure == null ? null : failure.message(),
      time(event.finishedAt()).toString(),
      identified.eventId().toString(),
      identified.source(),
      PgValues.json(EventJson.write(auditDetail(event))),
      EventIds.result(jobId).toString(),
      EventJson.write(event),
      PgValues.json(EventJson.write(event.findings())),
      event.checks() == null ? null : PgValues.json(EventJson.write(event.checks())),
      event.attempts().isEmpty() ? null : PgValues.json(EventJson.write(event.attempts())),
      text(event.returnedAttempt())
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
    if (event.checks() != null) {
      detail.put("checks", event.checks().status().wireName());
    }
    if (!event.findings().isEmpty()) {
      // The worker's gate.* audit rows list them; the job record holds them whole.
      detail.put("findings", String.valueOf(event.findings().size()));
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
