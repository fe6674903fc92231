package dev.codegen.worker.generation;

import dev.codegen.model.Language;

/**
 * What a {@link CodeGenerator} is asked to do.
 *
 * @param jobId for logs only
 * @param prompt the user's prompt, already through the input gates
 * @param language the language to generate
 * @param maxOutputTokens the output token limit, already through the guard rails
 * @param model the model the guard rails checked for ({@link CodeGenerator#modelFor}), or {@code
 *     null} for the provider's default
 * @param inputTokens the prompt's and instructions' tokens, counted by the guard rails in the model
 *     family's encoding
 */
public record ModelRequest(
    String jobId,
    String prompt,
    Language language,
    int maxOutputTokens,
    String model,
    int inputTokens) {}
