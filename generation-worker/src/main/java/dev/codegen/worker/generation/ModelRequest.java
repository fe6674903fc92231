package dev.codegen.worker.generation;

import dev.codegen.model.Language;

/**
 * What a {@link CodeGenerator} is asked to do.
 *
 * @param jobId for logs only
 * @param prompt the text sent as the input: the user's prompt, already through the input gates, or
 *     for a repair the {@link RepairPrompt} (the prompt, the code and its diagnostics)
 * @param language the language to generate
 * @param maxOutputTokens the output token limit, already through the guard rails
 * @param model the model the guard rails checked for ({@link CodeGenerator#modelFor}), or {@code
 *     null} for the provider's default
 * @param inputTokens the prompt's and instructions' tokens, counted by the guard rails in the model
 *     family's encoding
 * @param repair set when this call repairs code that failed a check; {@code null} for a first
 *     answer
 */
public record ModelRequest(
    String jobId,
    String prompt,
    Language language,
    int maxOutputTokens,
    String model,
    int inputTokens,
    Repair repair) {

  /** A first answer to the user's prompt. */
  public ModelRequest(
      String jobId,
      String prompt,
      Language language,
      int maxOutputTokens,
      String model,
      int inputTokens) {
    this(jobId, prompt, language, maxOutputTokens, model, inputTokens, null);
  }

  /**
   * What a repair call is about, beside the text it sends.
   *
   * @param originalPrompt the user's prompt the first attempt answered
   * @param attempt the attempt this call makes (2)
   */
  public record Repair(String originalPrompt, int attempt) {}
}
