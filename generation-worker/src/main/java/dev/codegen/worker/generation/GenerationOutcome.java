package dev.codegen.worker.generation;

import dev.codegen.model.Failure;

/** How one job ended in this worker. */
public sealed interface GenerationOutcome {

  /** Code left for the plugin stages. */
  record Generated(String provider, String model) implements GenerationOutcome {}

  /** The request was refused: invalid, over a token limit, or by a gate. */
  record Rejected(Failure failure) implements GenerationOutcome {}

  /** The job's owner cancelled it before it ended here. */
  record Cancelled(Failure failure) implements GenerationOutcome {}

  /** The model call failed. */
  record Failed(Failure failure) implements GenerationOutcome {}
}
