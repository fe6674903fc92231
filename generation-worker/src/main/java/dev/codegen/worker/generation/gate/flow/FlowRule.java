package dev.codegen.worker.generation.gate.flow;

import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One sink of the data-flow tier: a call (or an assignment to a property) that is a weakness when
 * an argument carries untrusted input, e.g. a file opened with a path from a request parameter.
 *
 * @param id stable id, {@code <language>.taint.<weakness>}
 * @param cwe the weakness
 * @param severity how much a finding matters
 * @param languages where the sink applies
 * @param sink where the sink starts; its match ends where the arguments begin (just after the
 *     opening parenthesis, or after the {@code =} of a property assignment)
 * @param argument which argument must carry the input: 0 the first, 1 the second, ..., {@link #ALL}
 *     any of them
 * @param built true when the argument must also be a string built around the input (concatenated,
 *     formatted or interpolated), as for a SQL query: a value passed on its own is a bound
 *     parameter, not injected text
 * @param argumentRequires the whole argument list must match this (e.g. {@code shell=True}), or
 *     {@code null}
 * @param argumentUnless an argument list that matches this is safe (e.g. a {@code root} option), or
 *     {@code null}
 * @param requiresMatch the whole code must match this for the sink to apply, or {@code null}
 * @param origins which input counts ({@link FlowPattern#REMOTE}, {@link FlowPattern#LOCAL}, or
 *     both): opening the file a command-line argument names is what a command-line tool is for,
 *     opening one a request names is path traversal
 * @param message what is wrong
 * @param fix how to do it safely
 */
public record FlowRule(
    String id,
    String cwe,
    Severity severity,
    Set<Language> languages,
    Pattern sink,
    int argument,
    boolean built,
    Pattern argumentRequires,
    Pattern argumentUnless,
    Pattern requiresMatch,
    int origins,
    String message,
    String fix) {

  /** {@link #argument} when any argument counts. */
  public static final int ALL = -1;

  public FlowRule {
    languages = Set.copyOf(languages);
    if (argument < ALL) {
      throw new IllegalArgumentException("argument must be \"all\" or a position from 0");
    }
  }
}
