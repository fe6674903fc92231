package dev.codegen.worker.generation;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which a job's facts leave the worker. Each future completes when the record is
 * durably written (or fails), so the caller can acknowledge its input only after its output is
 * safe.
 */
public interface JobEvents {

  /** An audit fact with a non-terminal status. */
  CompletableFuture<Void> progressed(JobProgressed event);

  /** Code for the first plugin stage. */
  CompletableFuture<Void> generated(CodeGenerated event);

  /** The outcome this worker reached (rejected, failed or cancelled), for the gateway to record. */
  CompletableFuture<Void> finished(JobFinished event);

  /**
   * These events for one job whose records name {@code traceparent} (W3C) as their parent, so the
   * next hop continues the job's trace; as they are when it is null or the port carries no trace.
   */
  default JobEvents within(String traceparent) {
    return this;
  }
}
