package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit fact about a job, and the status it puts the job in, on {@link Topics#JOB_EVENTS},
 * keyed by job id. The gateway stores every one as an audit row (dropping duplicate event ids) and
 * moves the job's status forward when {@code status} ranks higher.
 *
 * @param eventId derived from the job and the fact ({@link EventIds}); duplicates are dropped by it
 * @param jobId the job id
 * @param status the job's status after this fact
 * @param action what happened, dotted: {@code generation.started}, {@code gate.input.passed},
 *     {@code gate.rejected}, {@code model.responded}, {@code plugin.reported}, ...
 * @param detail small string pairs (gate and rule, token counts, plugin verdict); never secrets
 * @param source the service that observed it
 * @param occurredAt when it happened
 */
public record JobProgressed(
    @JsonProperty("event_id") UUID eventId,
    @JsonProperty("job_id") String jobId,
    JobStatus status,
    String action,
    Map<String, String> detail,
    String source,
    @JsonProperty("occurred_at") Instant occurredAt) {

  public JobProgressed {
    detail = detail == null ? Map.of() : Map.copyOf(detail);
  }

  /**
   * A fact happening now, its event id derived from the job, the source and {@code fact} (see
   * {@link EventIds}): stating the same fact again, after a redelivery or a rerun, repeats the id.
   *
   * @param fact what makes this fact unique within the job for {@code source}; usually the action,
   *     with a qualifier where one source states the action more than once (e.g. per plugin)
   */
  public static JobProgressed fact(
      String jobId,
      JobStatus status,
      String action,
      String fact,
      Map<String, String> detail,
      String source) {
    return new JobProgressed(
        EventIds.of(jobId, source + "/" + fact),
        jobId,
        status,
        action,
        detail,
        source,
        Instant.now());
  }

  /** {@link #fact} with the action as the fact: for actions a source states once per job. */
  public static JobProgressed now(
      String jobId, JobStatus status, String action, Map<String, String> detail, String source) {
    return fact(jobId, status, action, action, detail, source);
  }
}
