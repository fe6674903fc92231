package dev.codegen.model;

/**
 * One finding of a plugin: a compiler error, a lint warning or a security finding.
 *
 * @param line 1-based line in the code, or 0 when not tied to a line
 * @param column 1-based column, or 0 when unknown
 * @param severity {@code error}, {@code warning} or {@code info}
 * @param code a stable identifier of the finding (compiler key, rule id or CWE)
 * @param message a human-readable explanation
 */
public record Diagnostic(long line, long column, String severity, String code, String message) {}
