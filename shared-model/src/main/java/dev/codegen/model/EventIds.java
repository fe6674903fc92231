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

  /**
   * The id of fact {@code fact} about attempt {@code attempt} of job {@code jobId}: the first
   * attempt's ids are the job's own ({@link #of}), a repair's are its own, so the facts of both
   * attempts are kept and a repeated one is dropped.
   */
  public static UUID of(String jobId, int attempt, String fact) {
    return attempt <= 1 ? of(jobId, fact) : of(jobId, "attempt/" + attempt + "/" + fact);
  }

  /**
   * What a worker remembers a run by to skip it when it comes again: the job id for the first
   * attempt, a UUID of the job and the attempt for a repair (so a repair is not taken for a
   * duplicate of the first attempt).
   */
  public static String run(String jobId, int attempt) {
    return attempt <= 1 ? jobId : of(jobId, "attempt/" + attempt).toString();
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
