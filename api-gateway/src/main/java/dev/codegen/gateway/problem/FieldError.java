package dev.codegen.gateway.problem;

/**
 * One rejected field of a request.
 *
 * @param field the JSON field or query parameter name
 * @param reason why it was rejected, safe to show to the client
 */
public record FieldError(String field, String reason) {}
