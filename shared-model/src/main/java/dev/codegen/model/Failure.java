package dev.codegen.model;

/**
 * Why a job failed or was rejected.
 *
 * @param reason the machine-readable category
 * @param rule the gate rule, plugin or provider status that decided it, or {@code null}
 * @param message a human-readable explanation, never containing secrets or the prompt
 */
public record Failure(FailureReason reason, String rule, String message) {}
