package dev.codegen.worker.generation;

import java.util.concurrent.CompletableFuture;

/**
 * The port to a code-generating model. Implementations own retries (one retry owner per call path)
 * and map every provider error to {@link ModelResult.Failed}; they must be thread-safe, since many
 * jobs call them at once.
 *
 * <p>The call must not hold a thread while the model works: a job in flight is a pending future,
 * not a blocked thread. The future is completed on a thread that may do CPU work (what follows it
 * runs the output gates), never on an I/O selector thread.
 */
public interface CodeGenerator {

  /**
   * Starts generating code for {@code request}; the future completes with the answer or a
   * classified failure and never exceptionally. Cancelling it drops the call.
   */
  CompletableFuture<ModelResult> generate(ModelRequest request);

  /**
   * Loads and runs once, without a call to the model, what a first job would otherwise pay for
   * (request building, answer parsing): called before the worker takes partitions, so that the jobs
   * of a partition that moves to a fresh worker do not wait for its cold start.
   */
  default void warmUp() {}
}
