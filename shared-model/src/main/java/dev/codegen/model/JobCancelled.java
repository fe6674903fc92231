package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A job's owner cancelled it, on {@link Topics#CANCELLATIONS}, keyed by job id; written by the
 * gateway in the same transaction that made the job {@code cancelled} in the store. A worker that
 * reads it never starts the job, and aborts its model call if it is running.
 *
 * @param jobId the job id
 * @param cancelledAt when the store recorded the cancellation
 */
public record JobCancelled(
    @JsonProperty("job_id") String jobId, @JsonProperty("cancelled_at") Instant cancelledAt) {}
