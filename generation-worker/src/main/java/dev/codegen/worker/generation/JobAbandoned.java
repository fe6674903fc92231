package dev.codegen.worker.generation;

/**
 * The worker is stopping and interrupted a job mid-call: the job must not end as failed, it is left
 * unacknowledged so another worker picks it up.
 */
public final class JobAbandoned extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobAbandoned(String jobId) {
    super("job " + jobId + " abandoned: the worker is stopping");
  }
}
