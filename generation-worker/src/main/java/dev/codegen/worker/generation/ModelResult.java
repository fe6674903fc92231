package dev.codegen.worker.generation;

import dev.codegen.model.FailureReason;
import dev.codegen.model.TokenUsage;

/** What a {@link CodeGenerator} returned: an answer or a classified failure, never an exception. */
public sealed interface ModelResult {

  /** The provider's name, e.g. {@code openai}. */
  String provider();

  /** The model that answered or was asked. */
  String model();

  /**
   * The model answered.
   *
   * @param text the raw output (markdown, prose and code)
   * @param offline true when no real model was involved
   * @param usage tokens consumed as the provider reported them
   */
  record Answer(String provider, String model, String text, boolean offline, TokenUsage usage)
      implements ModelResult {}

  /**
   * The call failed after the provider's own retries.
   *
   * @param reason one of the {@code provider_*} reasons
   * @param message a human-readable explanation (status code, no secrets)
   */
  record Failed(String provider, String model, FailureReason reason, String message)
      implements ModelResult {}
}
