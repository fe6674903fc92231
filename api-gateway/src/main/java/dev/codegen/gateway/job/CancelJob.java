package dev.codegen.gateway.job;

import dev.codegen.gateway.limits.UsageLedger;
import dev.codegen.gateway.outbox.Outbox;
import dev.codegen.gateway.outbox.OutboxRecord;
import dev.codegen.gateway.outbox.OutboxRelay;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobCancelled;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels a job that has not finished. In one transaction the job becomes {@code cancelled} (the
 * first terminal status wins, so an outcome arriving later only adds an audit row), its request is
 * withdrawn from the outbox if the relay has not sent it yet, and the outbox gets the job's one
 * public result ({@code cancelled}) and a {@link JobCancelled} for the workers, which then never
 * start the job or abort its model call. A job already finished answers 409 and is not touched.
 */
@Service
public class CancelJob {

  private static final String CANCEL =
      """
      UPDATE jobs SET status = ?, status_rank = ?, failure_reason = ?,
             failure_message = 'cancelled by request', updated_at = now(), finished_at = now()
      WHERE id = ? AND tenant = ? AND status_rank < ?
      RETURNING custom_id, batch_id, language, metadata::text AS metadata, finished_at, trace_parent
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final JobQueries queries;
  private final Outbox outbox;
  private final OutboxRelay relay;
  private final UsageLedger ledger;

  CancelJob(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      JobQueries queries,
      Outbox outbox,
      OutboxRelay relay,
      UsageLedger ledger) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.tx = tx;
    this.queries = queries;
    this.outbox = outbox;
    this.relay = relay;
  }

  /**
   * Cancels job {@code id} of {@code tenant}; 404 problem when unknown (or another tenant's), 409
   * problem when already finished.
   */
  public JobView cancel(UUID id, String tenant) {
    boolean cancelled = Boolean.TRUE.equals(tx.execute(status -> cancelOpen(id, tenant)));
    if (!cancelled) {
      JobView job =
          queries
              .find(id, tenant)
              .orElseThrow(() -> new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id));
      throw new ProblemException(
          ProblemType.JOB_FINISHED, "job " + id + " already finished as " + job.status());
    }
    relay.wake();
    return queries.find(id, tenant).orElseThrow();
  }

  private boolean cancelOpen(UUID id, String tenant) {
    // The job's trace, so that its cancellation and its result continue it.
    String[] traceparent = new String[1];
    Optional<JobFinished> finished =
        jdbc
            .query(
                CANCEL,
                (rs, n) -> {
                  traceparent[0] = rs.getString("trace_parent");
                  return finished(id, rs);
                },
                JobStatus.CANCELLED.wireName(),
                JobStatus.CANCELLED.rank(),
                FailureReason.CANCELLED.wireName(),
                id,
                tenant,
                JobStatus.CANCELLED.rank())
            .stream()
            .findFirst();
    if (finished.isEmpty()) {
      return false;
    }
    jdbc.update(
        """
        INSERT INTO audit_events (event_id, job_id, action, status, source, occurred_at)
        VALUES (?, ?, 'job.cancelled', 'cancelled', 'http', now())
        ON CONFLICT (event_id) DO NOTHING
        """,
        JobAudit.derived("job.cancelled/" + id),
        id);
    outbox.withdraw(Topics.JOBS, id.toString());
    outbox.add(
        List.of(
            OutboxRecord.cancellation(new JobCancelled(id.toString(), finished.get().finishedAt()))
                .traced(traceparent[0]),
            OutboxRecord.result(finished.get()).traced(traceparent[0])));
    ledger.settle(List.of(id)); // releases its reservation
    return true;
  }

  @SuppressWarnings("unchecked")
  private static JobFinished finished(UUID id, ResultSet rs) throws SQLException {
    Instant at = rs.getObject("finished_at", OffsetDateTime.class).toInstant();
    String metadata = rs.getString("metadata");
    return new JobFinished(
        id.toString(),
        rs.getString("custom_id"),
        rs.getString("batch_id"),
        JobStatus.CANCELLED,
        Language.fromWire(rs.getString("language")).orElse(null),
        null,
        null,
        null,
        false,
        null,
        List.of(),
        new Failure(FailureReason.CANCELLED, null, "cancelled by request"),
        List.of(),
        metadata == null ? Map.of() : EventJson.read(metadata, Map.class),
        at);
  }
}
