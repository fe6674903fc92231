package dev.codegen.worker.generation;

/**
 * The worker is stopping and gave up on a job mid-call: the job must not end as failed, it is left
 * unacknowledged so another worker picks it up. Completing a job's future with it abandons the job.
 */
public final class JobAbandoned extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobAbandoned(String jobId) {
    super("job " + jobId + " abandoned: the worker is stopping");
  }
}
