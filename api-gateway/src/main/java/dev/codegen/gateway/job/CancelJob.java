package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a job that has not finished. The job's terminal status becomes {@code cancelled}, so a
 * result arriving later only adds an audit row. Workers are not interrupted: a job already being
 * generated still runs to its end, its outcome is just not applied.
 */
@Service
public class CancelJob {

  private final JdbcTemplate jdbc;
  private final JobQueries queries;

  CancelJob(JdbcTemplate jdbc, JobQueries queries) {
    this.jdbc = jdbc;
    this.queries = queries;
  }

  /** Cancels job {@code id}; 404 problem when unknown, 409 problem when already finished. */
  @Transactional
  public JobView cancel(UUID id) {
    int updated =
        jdbc.update(
            """
            UPDATE jobs SET status = 'cancelled', status_rank = 3, failure_reason = 'cancelled',
                   failure_message = 'cancelled by request', updated_at = now(), finished_at = now()
            WHERE id = ? AND status_rank < 3
            """,
            id);
    if (updated == 0) {
      JobView job =
          queries
              .find(id)
              .orElseThrow(() -> new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id));
      throw new ProblemException(
          ProblemType.JOB_FINISHED, "job " + id + " already finished as " + job.status());
    }
    jdbc.update(
        """
        INSERT INTO audit_events (event_id, job_id, action, status, source, occurred_at)
        VALUES (?, ?, 'job.cancelled', 'cancelled', 'http', now())
        ON CONFLICT (event_id) DO NOTHING
        """,
        JobAudit.derived("job.cancelled/" + id),
        id);
    return queries.find(id).orElseThrow();
  }
}
