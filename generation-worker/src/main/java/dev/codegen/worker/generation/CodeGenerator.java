package dev.codegen.worker.generation;

/**
 * The port to a code-generating model. Implementations own retries (one retry owner per call path)
 * and map every provider error to {@link ModelResult.Failed}; they must be thread-safe, since many
 * jobs call them at once.
 */
public interface CodeGenerator {

  /** Generates code for {@code request}; blocks until the provider answers or gives up. */
  ModelResult generate(ModelRequest request);
}
