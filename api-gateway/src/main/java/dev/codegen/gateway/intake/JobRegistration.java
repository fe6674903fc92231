package dev.codegen.gateway.intake;

import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Language;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a job taken in from Kafka. Known jobs are left alone, except rows the projector created
 * from an early event, which get the request's fields filled in.
 */
@Repository
class JobRegistration {

  private static final int MAX_TEXT = 200;

  private static final String REGISTER =
      """
      INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id,
                        batch_id, metadata, created_at, updated_at)
      VALUES (?, 'queued', 0, 'kafka', ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        language = COALESCE(jobs.language, EXCLUDED.language),
        model = COALESCE(jobs.model, EXCLUDED.model),
        max_tokens = COALESCE(jobs.max_tokens, EXCLUDED.max_tokens),
        custom_id = COALESCE(jobs.custom_id, EXCLUDED.custom_id),
        batch_id = COALESCE(jobs.batch_id, EXCLUDED.batch_id),
        metadata = CASE WHEN jobs.metadata = '{}'::jsonb THEN EXCLUDED.metadata
                        ELSE jobs.metadata END
      WHERE jobs.source = 'kafka' AND jobs.language IS NULL
      """;

  private static final String AUDIT =
      """
      INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
      VALUES (?, ?, 'job.accepted', 'queued', 'kafka', ?::jsonb, ?)
      ON CONFLICT (event_id) DO NOTHING
      """;

  private final JdbcTemplate jdbc;
  private final EventJson json;

  JobRegistration(JdbcTemplate jdbc, EventJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A request and the job id it resolved to. */
  record Registration(String jobId, GenerationRequested request) {}

  /** Registers a batch of requests in one transaction; known jobs are left alone. */
  @Transactional
  public void register(List<Registration> registrations) {
    registrations.forEach(r -> register(r.jobId(), r.request()));
  }

  private void register(String jobId, GenerationRequested request) {
    UUID id = UUID.fromString(jobId);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime created =
        OffsetDateTime.ofInstant(
            request.requestedAt() == null ? now : request.requestedAt(), ZoneOffset.UTC);
    // Only supported languages are stored; the worker rejects the rest and says why.
    String language = Language.fromWire(request.language()).map(Language::wireName).orElse(null);
    jdbc.update(
        REGISTER,
        id,
        language,
        clip(request.model()),
        request.maxTokens(),
        clip(request.customId()),
        clip(request.batchId()),
        json.write(request.metadata()),
        created,
        OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("language", language == null ? "unsupported" : language);
    jdbc.update(AUDIT, JobAudit.acceptedEventId(id), id, json.write(detail), created);
  }

  private static String clip(String value) {
    return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
  }
}
