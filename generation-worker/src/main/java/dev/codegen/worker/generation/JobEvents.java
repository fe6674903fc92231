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
}
