package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One insecure-code rule, read from the rule files under {@code gate/code/}.
 *
 * @param id stable id, {@code <language or family>.<weakness>}, e.g. {@code java.crypto.ecb_mode}
 * @param cwe the weakness it finds, e.g. {@code CWE-327}
 * @param severity how much a match matters
 * @param languages where the rule applies
 * @param pattern what a match looks like
 * @param unless a line that also matches this is not a finding (a safe form next to the unsafe
 *     call), or {@code null}
 * @param triggers lower-case literals of which every match contains one: when the code holds none,
 *     the pattern is not run
 * @param requires lower-case literals of which the code must hold one anywhere (an import, a
 *     library name) for the rule to apply at all; empty when the rule always applies
 * @param message what is wrong
 * @param fix how to do it safely
 */
public record CodeRule(
    String id,
    String cwe,
    Severity severity,
    Set<Language> languages,
    Pattern pattern,
    Pattern unless,
    List<String> triggers,
    List<String> requires,
    String message,
    String fix) {

  public CodeRule {
    languages = Set.copyOf(languages);
    triggers = List.copyOf(triggers);
    requires = List.copyOf(requires);
  }

  /** A rule that applies to any code of its languages. */
  public CodeRule(
      String id,
      String cwe,
      Severity severity,
      Set<Language> languages,
      Pattern pattern,
      Pattern unless,
      List<String> triggers,
      String message,
      String fix) {
    this(id, cwe, severity, languages, pattern, unless, triggers, List.of(), message, fix);
  }

  /**
   * False when {@code lower} holds none of the triggers (the pattern cannot match) or none of the
   * required literals (the rule does not apply to this code).
   */
  boolean mayMatch(String lower) {
    return containsAny(lower, triggers) && containsAny(lower, requires);
  }

  private static boolean containsAny(String lower, List<String> literals) {
    if (literals.isEmpty()) {
      return true;
    }
    for (String literal : literals) {
      if (lower.contains(literal)) {
        return true;
      }
    }
    return false;
  }
}
