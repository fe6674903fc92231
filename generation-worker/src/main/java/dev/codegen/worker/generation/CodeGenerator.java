package dev.codegen.worker.generation;

import dev.codegen.model.Language;
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
   * The model a request for {@code requested} is sent to: {@code requested}, or the provider's
   * default when it is {@code null}; a provider with a model of its own names that. The token guard
   * rails count and limit for this model.
   */
  default String modelFor(String requested) {
    return requested;
  }

  /**
   * The instructions sent with every prompt in {@code language} (the Responses API's {@code
   * instructions}), exactly as sent: the token guard rails count them with the prompt. Empty when
   * none are sent.
   */
  default String instructions(Language language) {
    return "";
  }

  /**
   * Loads and runs once, without a call to the model, what a first job would otherwise pay for
   * (request building, answer parsing): called before the worker takes partitions, so that the jobs
   * of a partition that moves to a fresh worker do not wait for its cold start.
   */
  default void warmUp() {}
}
