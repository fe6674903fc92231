package dev.codegen.gateway.job;

import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.gateway.outbox.OutboxRelay;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Topics;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Accepts a generation job: stores the job, its first audit row and the outbox record that will
 * carry {@link GenerationRequested} to Kafka, atomically, then wakes the relay. It never waits for
 * Kafka.
 */
@Service
public class AcceptJob {

  // One statement, so one transaction and one round trip: the three inserts commit together or
  // not at all, which is the whole point of the outbox.
  private static final String INSERT =
      """
      WITH job AS (
        INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens,
                          custom_id, batch_id, metadata, created_at, updated_at)
        VALUES (?, 'queued', 0, 'http', ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
      ), audit AS (
        INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
        VALUES (?, ?, 'job.accepted', 'queued', 'http', ?::jsonb, ?)
      )
      INSERT INTO outbox (event_id, event_type, topic, record_key, payload)
      VALUES (?, ?, ?, ?, ?)
      """;

  private final JdbcTemplate jdbc;
  private final EventJson json;
  private final OutboxRelay relay;

  AcceptJob(JdbcTemplate jdbc, EventJson json, OutboxRelay relay) {
    this.jdbc = jdbc;
    this.json = json;
    this.relay = relay;
  }

  /** Stores {@code request} as a queued job and returns its id. */
  public AcceptedJob accept(ValidJobRequest request) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    GenerationRequested event =
        new GenerationRequested(
            id.toString(),
            request.customId(),
            request.batchId(),
            request.prompt(),
            request.language().wireName(),
            request.maxTokens(),
            request.model(),
            request.metadata(),
            now);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("language", request.language().wireName());
    if (request.maxTokens() != null) {
      detail.put("max_tokens", request.maxTokens().toString());
    }
    jdbc.update(
        INSERT,
        ps -> {
          ps.setObject(1, id);
          ps.setString(2, request.language().wireName());
          ps.setString(3, request.model());
          ps.setObject(4, request.maxTokens(), Types.INTEGER);
          ps.setString(5, request.customId());
          ps.setString(6, request.batchId());
          ps.setString(7, json.write(request.metadata()));
          ps.setObject(8, at);
          ps.setObject(9, at);
          ps.setObject(10, JobAudit.acceptedEventId(id));
          ps.setObject(11, id);
          ps.setString(12, json.write(detail));
          ps.setObject(13, at);
          ps.setObject(14, UUID.randomUUID());
          ps.setString(15, GenerationRequested.class.getSimpleName());
          ps.setString(16, Topics.REQUESTS);
          ps.setString(17, id.toString());
          ps.setString(18, json.write(event));
        });
    relay.wake();
    return new AcceptedJob(id, now);
  }
}
