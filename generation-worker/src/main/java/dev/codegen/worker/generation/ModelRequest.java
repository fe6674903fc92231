package dev.codegen.worker.generation;

import dev.codegen.model.Language;

/**
 * What a {@link CodeGenerator} is asked to do.
 *
 * @param jobId for logs only
 * @param prompt the user's prompt, already through the input gates
 * @param language the language to generate
 * @param maxOutputTokens the output token limit, already through the guard rails
 * @param model the model asked for, or {@code null} for the provider's default
 * @param promptTokens the prompt's counted tokens (o200k_base)
 */
public record ModelRequest(
    String jobId,
    String prompt,
    Language language,
    int maxOutputTokens,
    String model,
    int promptTokens) {}
