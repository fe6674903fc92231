package dev.codegen.model;

/**
 * One thing a safety gate found in a prompt or in generated code.
 *
 * @param gate the gate's stable name, e.g. {@code output.insecure_code}
 * @param rule the stable rule id, e.g. {@code java.crypto.ecb_mode}
 * @param cwe the weakness, e.g. {@code CWE-327}, or {@code null} where none applies
 * @param severity how much it matters; the deployment's policy decides what blocks
 * @param line 1-based line of the evidence, or 0 when not tied to a line
 * @param column 1-based column of the evidence, or 0 when unknown
 * @param evidence the matched text, at most one line, with any secret redacted
 * @param message what is wrong, for humans
 * @param fix how to do it safely, or {@code null}
 */
public record Finding(
    String gate,
    String rule,
    String cwe,
    Severity severity,
    int line,
    int column,
    String evidence,
    String message,
    String fix) {}
