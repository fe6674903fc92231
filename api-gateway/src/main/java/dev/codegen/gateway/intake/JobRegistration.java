package dev.codegen.gateway.intake;

import dev.codegen.gateway.database.PgValues;
import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Language;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores jobs taken in from Kafka, a whole poll in ONE statement (columns travel as arrays and are
 * unnested on the server, like the HTTP accept path): one round trip and one commit per poll, all
 * rows or none. Known jobs are left alone, except rows the projector created from an early event,
 * which get the request's fields filled in. Values PostgreSQL would refuse are made acceptable
 * first ({@link PgValues}): NUL characters dropped, a {@code requested_at} outside years 1 to 9999
 * treated as absent.
 */
@Repository
class JobRegistration {

  private static final int MAX_TEXT = 200;

  private static final String REGISTER =
      """
      WITH input AS MATERIALIZED (
        SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::int[],
                             ?::text[], ?::text[], ?::jsonb[], ?::uuid[], ?::jsonb[])
          AS t(id, at, language, model, max_tokens, custom_id, batch_id, metadata, audit_id,
               detail)
      ), job AS (
        INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id,
                          batch_id, metadata, created_at, updated_at)
        SELECT id, 'queued', 0, 'kafka', language, model, max_tokens, custom_id, batch_id,
               metadata, at, ?
        FROM input ORDER BY id
        ON CONFLICT (id) DO UPDATE SET
          language = COALESCE(jobs.language, EXCLUDED.language),
          model = COALESCE(jobs.model, EXCLUDED.model),
          max_tokens = COALESCE(jobs.max_tokens, EXCLUDED.max_tokens),
          custom_id = COALESCE(jobs.custom_id, EXCLUDED.custom_id),
          batch_id = COALESCE(jobs.batch_id, EXCLUDED.batch_id),
          metadata = CASE WHEN jobs.metadata = '{}'::jsonb THEN EXCLUDED.metadata
                          ELSE jobs.metadata END
        WHERE jobs.source = 'kafka' AND jobs.language IS NULL
      )
      INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
      SELECT audit_id, id, 'job.accepted', 'queued', 'kafka', detail, at FROM input
      ON CONFLICT (event_id) DO NOTHING
      """;

  private final JdbcTemplate jdbc;
  private final EventJson json;

  JobRegistration(JdbcTemplate jdbc, EventJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A request and the job id it resolved to. */
  record Registration(String jobId, GenerationRequested request) {

    /** The job with only what the worker decides by (language, token limit); no free text. */
    Registration bare() {
      return new Registration(
          jobId,
          new GenerationRequested(
              null, null, null, null, request.language(), request.maxTokens(), null, null, null));
    }
  }

  /**
   * Registers a batch of requests atomically; known jobs are left alone. A job id that occurs more
   * than once in the batch is registered from its first record (a statement may touch a row only
   * once), as a later redelivery of that record would be.
   */
  public void register(List<Registration> registrations) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Row> rows = rows(registrations, now);
    if (rows.isEmpty()) {
      return;
    }
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(REGISTER);
          int i = 1;
          ps.setArray(i++, column(con, rows, Row::id));
          ps.setArray(i++, column(con, rows, Row::createdAt));
          ps.setArray(i++, column(con, rows, Row::language));
          ps.setArray(i++, column(con, rows, Row::model));
          ps.setArray(i++, column(con, rows, Row::maxTokens));
          ps.setArray(i++, column(con, rows, Row::customId));
          ps.setArray(i++, column(con, rows, Row::batchId));
          ps.setArray(i++, column(con, rows, Row::metadata));
          ps.setArray(i++, column(con, rows, r -> JobAudit.acceptedEventId(r.id())));
          ps.setArray(i++, column(con, rows, Row::detail));
          ps.setObject(i, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
          return ps;
        });
  }

  private List<Row> rows(List<Registration> registrations, Instant now) {
    List<Row> rows = new ArrayList<>(registrations.size());
    Set<UUID> seen = new HashSet<>();
    for (Registration registration : registrations) {
      UUID id = UUID.fromString(registration.jobId());
      if (seen.add(id)) {
        rows.add(row(id, registration.request(), now));
      }
    }
    return rows;
  }

  private Row row(UUID id, GenerationRequested request, Instant now) {
    Instant requested = PgValues.time(request.requestedAt());
    OffsetDateTime created =
        OffsetDateTime.ofInstant(requested == null ? now : requested, ZoneOffset.UTC);
    // Only supported languages are stored; the worker rejects the rest and says why.
    String language = Language.fromWire(request.language()).map(Language::wireName).orElse(null);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("language", language == null ? "unsupported" : language);
    return new Row(
        id,
        created,
        language,
        clip(request.model()),
        request.maxTokens(),
        clip(request.customId()),
        clip(request.batchId()),
        PgValues.json(json.write(request.metadata())),
        json.write(detail));
  }

  /** One column as a text array; the statement casts it to the column's type. */
  private static Array column(Connection con, List<Row> rows, Function<Row, Object> value)
      throws SQLException {
    return con.createArrayOf(
        "text",
        rows.stream().map(value).map(v -> v == null ? null : v.toString()).toArray(String[]::new));
  }

  private static String clip(String raw) {
    String value = PgValues.text(raw);
    return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
  }

  private record Row(
      UUID id,
      OffsetDateTime createdAt,
      String language,
      String model,
      Integer maxTokens,
      String customId,
      String batchId,
      String metadata,
      String detail) {}
}
