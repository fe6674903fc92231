package dev.codegen.gateway.intake;

import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.limits.TokenEstimate;
import dev.codegen.gateway.metrics.GatewayMeters;
import dev.codegen.gateway.outbox.Outbox;
import dev.codegen.gateway.outbox.OutboxRecord;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.tracing.Span;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores a poll of bulk records in one transaction: new jobs (queued, or rejected for their
 * fields), their audit rows, and what goes out for them through the outbox (the request for the
 * workers, or the rejected job's result), plus dead letters for records that cannot be jobs. A job
 * id is never reused: a record naming a job that another record (or an HTTP accept) created is
 * dead-lettered with reason {@code job_id_taken} and touches nothing of that job; a redelivery of
 * the record that created the job finds its own origin and is skipped.
 */
@Repository
class BulkJobs {

  private static final String INSERT_JOBS =
      """
      INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id,
                        batch_id, metadata, failure_reason, failure_rule, failure_message,
                        intake_origin, created_at, updated_at, finished_at, tenant, api_key_id,
                        reserved_tokens, reserved_cost_nanos, trace_parent)
      SELECT id, status, rank, 'kafka', language, model, max_tokens, custom_id, batch_id, metadata,
             failure_reason, failure_rule, failure_message, origin, ?, ?,
             CASE WHEN rank = ? THEN ?::timestamptz END, tenant, api_key_id, reserved_tokens,
             reserved_cost_nanos, trace_parent
      FROM unnest(?::uuid[], ?::text[], ?::smallint[], ?::text[], ?::text[], ?::int[], ?::text[],
                  ?::text[], ?::jsonb[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::uuid[], ?::bigint[], ?::bigint[], ?::text[])
        AS t(id, status, rank, language, model, max_tokens, custom_id, batch_id, metadata,
             failure_reason, failure_rule, failure_message, origin, tenant, api_key_id,
             reserved_tokens, reserved_cost_nanos, trace_parent)
      ORDER BY id
      ON CONFLICT (id) DO NOTHING
      RETURNING id
      """;

  private static final String AUDIT =
      """
      INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
      SELECT event_id, job_id, action, status, 'kafka', detail, ?
      FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::jsonb[])
        AS t(event_id, job_id, action, status, detail)
      ON CONFLICT (event_id) DO NOTHING
      """;

  /** The rule of a record refused by a key's limit: {@code limits.<limit>} (BulkAdmission). */
  private static final String LIMIT_RULE = "limits.";

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final BulkAdmission admission;
  private final GatewayMeters meters;
  private final TraceHeaders traces;

  BulkJobs(
      JdbcTemplate jdbc,
      Outbox outbox,
      BulkAdmission admission,
      GatewayMeters meters,
      TraceHeaders traces) {
    this.traces = traces;
    this.admission = admission;
    this.meters = meters;
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  /** Stores the poll's records atomically; returns how many records went to the outbox. */
  @Transactional
  public int store(List<BulkRecord> records) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<OutboxRecord> out = new ArrayList<>();
    Map<UUID, BulkRecord> firsts = new LinkedHashMap<>();
    for (BulkRecord record : records) {
      if (record instanceof BulkRecord.Dead dead) {
        out.add(deadLetter(dead, dead.reason(), dead.detail()));
      } else if (record instanceof BulkRecord.Unauthorized unauthorized) {
        out.add(unauthorizedResult(unauthorized, now));
      } else if (firsts.putIfAbsent(jobId(record), record) != null) {
        out.add(taken(record));
      }
    }
    Map<UUID, TokenEstimate.Reservation> reserved =
        admission.admit(firsts, origins(new ArrayList<>(firsts.keySet())).keySet(), now);
    Map<UUID, String> traced = trace(firsts);
    Set<UUID> inserted = insert(new ArrayList<>(firsts.values()), reserved, traced, now);
    List<BulkRecord> created = new ArrayList<>();
    List<UUID> conflicts = new ArrayList<>();
    firsts.forEach(
        (id, record) -> {
          if (inserted.contains(id)) {
            created.add(record);
          } else {
            conflicts.add(id);
          }
        });
    Map<UUID, String> origins = origins(conflicts);
    for (UUID id : conflicts) {
      BulkRecord record = firsts.get(id);
      if (!record.origin().equals(origins.get(id))) {
        out.add(taken(record));
      }
    }
    audit(created, now);
    for (BulkRecord record : created) {
      out.add(announce(record, now).traced(traced.get(jobId(record))));
    }
    outbox.add(out);
    count(created);
    return out.size();
  }

  /** Counts the new jobs once the poll's transaction committed (a rolled back poll counts none). */
  private void count(List<BulkRecord> created) {
    int accepted = 0;
    List<String> limits = new ArrayList<>();
    for (BulkRecord record : created) {
      if (record instanceof BulkRecord.Accepted) {
        accepted++;
      } else if (record instanceof BulkRecord.Refused refused
          && refused.failure().reason() == FailureReason.RATE_LIMITED
          && refused.failure().rule() != null
          && refused.failure().rule().startsWith(LIMIT_RULE)) {
        limits.add(refused.failure().rule().substring(LIMIT_RULE.length()));
      }
    }
    int jobs = accepted;
    Runnable count =
        () -> {
          meters.accepted(GatewayMeters.BULK, jobs);
          limits.forEach(meters::refused);
        };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              count.run();
            }
          });
    } else {
      count.run();
    }
  }

  /**
   * The trace of each new job: an intake span continuing the producer's {@code traceparent}, or
   * starting a new trace when the record carries none. Its job stores it and every record of the
   * job continues it.
   */
  private Map<UUID, String> trace(Map<UUID, BulkRecord> records) {
    Map<UUID, String> traced = new HashMap<>();
    records.forEach(
        (id, record) -> {
          Span span = traces.start(record.record().headers(), "bulk intake", Span.Kind.CONSUMER);
          traced.put(id, traces.traceparent(span));
          span.end();
        });
    return traced;
  }

  private Set<UUID> insert(
      List<BulkRecord> records,
      Map<UUID, TokenEstimate.Reservation> reserved,
      Map<UUID, String> traced,
      Instant now) {
    if (records.isEmpty()) {
      return Set.of();
    }
    List<String[]> rows =
        records.stream()
            .map(
                r ->
                    row(
                        r,
                        reserved.getOrDefault(jobId(r), TokenEstimate.Reservation.NONE),
                        traced.get(jobId(r))))
            .toList();
    List<UUID> ids =
        jdbc.query(
            con -> {
              PreparedStatement ps = con.prepareStatement(INSERT_JOBS);
              int i = 1;
              ps.setObject(i++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              ps.setObject(i++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              ps.setInt(i++, JobStatus.REJECTED.rank());
              ps.setString(i++, now.toString());
              for (int column = 0; column < 18; column++) {
                int c = column;
                ps.setArray(i++, text(con, rows, row -> row[c]));
              }
              return ps;
            },
            (rs, n) -> rs.getObject(1, UUID.class));
    return new HashSet<>(ids);
  }

  /** The job row of a record: queued when accepted, rejected with the fields at fault when not. */
  private static String[] row(
      BulkRecord record, TokenEstimate.Reservation reserved, String traceparent) {
    if (record instanceof BulkRecord.Accepted accepted) {
      var request = accepted.request();
      return new String[] {
        accepted.jobId().toString(),
        JobStatus.QUEUED.wireName(),
        String.valueOf(JobStatus.QUEUED.rank()),
        request.language().wireName(),
        request.model(),
        request.maxTokens() == null ? null : request.maxTokens().toString(),
        request.customId(),
        request.batchId(),
        EventJson.write(request.metadata()),
        null,
        null,
        null,
        accepted.origin(),
        accepted.caller().tenant(),
        keyId(accepted.caller()),
        Long.toString(reserved.tokens()),
        Long.toString(reserved.costNanos()),
        traceparent
      };
    }
    BulkRecord.Refused refused = (BulkRecord.Refused) record;
    Failure failure = failure(refused);
    return new String[] {
      refused.jobId().toString(),
      JobStatus.REJECTED.wireName(),
      String.valueOf(JobStatus.REJECTED.rank()),
      refused.language() == null ? null : refused.language().wireName(),
      null,
      null,
      refused.customId(),
      refused.batchId(),
      "{}",
      failure.reason().wireName(),
      failure.rule(),
      failure.message(),
      refused.origin(),
      refused.caller().tenant(),
      keyId(refused.caller()),
      "0",
      "0",
      traceparent
    };
  }

  private static String keyId(Caller caller) {
    return caller.keyId() == null ? null : caller.keyId().toString();
  }

  private Map<UUID, String> origins(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, String> origins = new HashMap<>();
    jdbc.query(
        con -> {
          PreparedStatement ps =
              con.prepareStatement("SELECT id, intake_origin FROM jobs WHERE id = ANY (?)");
          ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
          return ps;
        },
        rs -> {
          origins.put(rs.getObject(1, UUID.class), rs.getString(2));
        });
    return origins;
  }

  private void audit(List<BulkRecord> created, Instant now) {
    if (created.isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>(created.size());
    for (BulkRecord record : created) {
      UUID id = jobId(record);
      if (record instanceof BulkRecord.Accepted accepted) {
        rows.add(
            new String[] {
              JobAudit.acceptedEventId(id).toString(),
              id.toString(),
              "job.accepted",
              JobStatus.QUEUED.wireName(),
              EventJson.write(Map.of("language", accepted.request().language().wireName()))
            });
      } else {
        Failure failure = failure((BulkRecord.Refused) record);
        rows.add(
            new String[] {
              JobAudit.derived("job.rejected/" + id).toString(),
              id.toString(),
              "job.rejected",
              JobStatus.REJECTED.wireName(),
              EventJson.write(Map.of("reason", failure.reason().wireName(), "rule", failure.rule()))
            });
      }
    }
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(AUDIT);
          ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
          for (int column = 0; column < 5; column++) {
            int c = column;
            ps.setArray(column + 2, text(con, rows, row -> row[c]));
          }
          return ps;
        });
  }

  /** What goes out for a new job: its request for the workers, or its result when rejected. */
  private static OutboxRecord announce(BulkRecord record, Instant now) {
    if (record instanceof BulkRecord.Accepted accepted) {
      return OutboxRecord.request(accepted.request().toRequested(accepted.jobId().toString(), now));
    }
    BulkRecord.Refused refused = (BulkRecord.Refused) record;
    return OutboxRecord.result(
        new JobFinished(
            refused.jobId().toString(),
            refused.customId(),
            refused.batchId(),
            JobStatus.REJECTED,
            refused.language(),
            null,
            null,
            null,
            false,
            null,
            List.of(),
            failure(refused),
            List.of(),
            Map.of(),
            now));
  }

  /** The rejected result of a record without a valid key: no job row, no tenant to store it in. */
  private static OutboxRecord unauthorizedResult(BulkRecord.Unauthorized record, Instant now) {
    return OutboxRecord.result(
        new JobFinished(
            record.jobId().toString(),
            record.customId(),
            record.batchId(),
            JobStatus.REJECTED,
            null,
            null,
            null,
            null,
            false,
            null,
            List.of(),
            new Failure(FailureReason.UNAUTHORIZED, "request.api_key", record.detail()),
            List.of(),
            Map.of(),
            now));
  }

  private static Failure failure(BulkRecord.Refused refused) {
    return refused.failure();
  }

  private static OutboxRecord taken(BulkRecord record) {
    return deadLetter(
        record,
        DeadLetters.Reason.JOB_ID_TAKEN,
        "job_id " + jobId(record) + " belongs to another job; a job id is never reused");
  }

  private static OutboxRecord deadLetter(
      BulkRecord record, DeadLetters.Reason reason, String detail) {
    return OutboxRecord.deadLetter(
        Topics.REQUESTS,
        record.record().key(),
        record.record().value(),
        record.origin(),
        reason,
        detail);
  }

  private static UUID jobId(BulkRecord record) {
    if (record instanceof BulkRecord.Accepted accepted) {
      return accepted.jobId();
    }
    if (record instanceof BulkRecord.Unauthorized unauthorized) {
      return unauthorized.jobId();
    }
    return ((BulkRecord.Refused) record).jobId();
  }

  private static Array text(Connection con, List<String[]> rows, Function<String[], String> value)
      throws SQLException {
    return con.createArrayOf("text", rows.stream().map(value).toArray(String[]::new));
  }
}
