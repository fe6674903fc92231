package dev.codegen.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID of the job id and the fact, so the same fact about the
 * same job always carries the same id, whichever process states it and however often. Consumers
 * drop an event whose id they already applied; a worker that reruns a job after a crash therefore
 * repeats ids instead of adding events.
 */
public final class EventIds {

  private EventIds() {}

  /**
   * The id of fact {@code fact} (e.g. {@code generation-worker/generation.started}) about job
   * {@code jobId}.
   */
  public static UUID of(String jobId, String fact) {
    return UUID.nameUUIDFromBytes((jobId + "/" + fact).getBytes(StandardCharsets.UTF_8));
  }

  /** The id of the request record that carries job {@code jobId} to the workers. */
  public static UUID requested(String jobId) {
    return of(jobId, "requested");
  }

  /** The id of the cancellation record of job {@code jobId}. */
  public static UUID cancelled(String jobId) {
    return of(jobId, "cancelled");
  }

  /** The id of the outcome record that {@code source} reached for job {@code jobId}. */
  public static UUID outcome(String jobId, String source) {
    return of(jobId, "outcome/" + source);
  }

  /** The id of job {@code jobId}'s one record on the public results topic. */
  public static UUID result(String jobId) {
    return of(jobId, "result");
  }
}
