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
 * @param eventId unique per fact; duplicates are dropped by it
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

  /** A new fact with a fresh event id, happening now. */
  public static JobProgressed now(
      String jobId, JobStatus status, String action, Map<String, String> detail, String source) {
    return new JobProgressed(
        Uuids.timeOrdered(), jobId, status, action, detail, source, Instant.now());
  }
}
