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
 * @param requires the rule applies only to code that also matches this somewhere (e.g. an import
 *     that shows which library a call belongs to), or {@code null}
 * @param unlessFile code that matches this anywhere is left alone by the rule (e.g. the parser is
 *     hardened elsewhere in the file), or {@code null}
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
    Pattern requires,
    Pattern unlessFile,
    String message,
    String fix) {

  public CodeRule {
    languages = Set.copyOf(languages);
    triggers = List.copyOf(triggers);
  }

  /** A rule without file-level conditions. */
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
    this(id, cwe, severity, languages, pattern, unless, triggers, null, null, message, fix);
  }

  /** False when the file-level conditions rule out any finding in {@code text}. */
  boolean appliesTo(String text) {
    return (requires == null || requires.matcher(text).find())
        && (unlessFile == null || !unlessFile.matcher(text).find());
  }

  /** False only when {@code lower} holds none of the triggers: the pattern cannot match. */
  boolean mayMatch(String lower) {
    if (triggers.isEmpty()) {
      return true;
    }
    for (String trigger : triggers) {
      if (lower.contains(trigger)) {
        return true;
      }
    }
    return false;
  }
}
