package dev.codegen.gateway.job;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Audit event ids the gateway derives itself, so that recording the same fact twice is a no-op. */
public final class JobAudit {

  private JobAudit() {}

  /**
   * The event id of a job's {@code job.accepted} row: the same whether the HTTP path or the Kafka
   * intake records it first, so the job gets exactly one.
   */
  public static UUID acceptedEventId(UUID jobId) {
    return derived("job.accepted/" + jobId);
  }

  /** An event id derived from {@code key}, stable across redeliveries of the same fact. */
  public static UUID derived(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
