package dev.codegen.worker.generation.gate.secrets;

import dev.codegen.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One secret-detection rule, read from {@code secret-rules.json}.
 *
 * @param id stable rule id, e.g. {@code secret.github_pat}
 * @param type the kind of secret, e.g. {@code github-token}
 * @param cwe the weakness, e.g. {@code CWE-798}
 * @param severity how much a match matters
 * @param pattern what a match looks like; the secret is {@code group}, or the first group that took
 *     part in the match when {@code group} is -1 (the whole match when there is none)
 * @param group the capture group holding the secret value, or -1
 * @param keywords lower-case literals of which every match holds one: when the text holds none, the
 *     pattern is not run (empty: always run)
 * @param entropy the least Shannon entropy (bits per character) of the secret value, 0 for none
 * @param requireDigit the secret value must hold a digit
 * @param generic a keyword-and-value rule: the shared stop words and generic allow-list apply
 * @param validator a named structural check on the value ({@code jwt}), or {@code null}
 * @param allow a secret value that matches one of these is not a finding
 * @param allowMatch a whole match that matches one of these is not a finding
 * @param allowLine a line that matches one of these holds no finding of this rule
 * @param requireLine the line must match this, or {@code null}
 * @param knownPublic published example or public values that are not secrets
 * @param multiline a match may run over several lines; the pattern then runs on the whole text
 *     rather than on the lines around a keyword
 * @param message what is wrong
 * @param fix how to do it safely
 */
public record SecretRule(
    String id,
    String type,
    String cwe,
    Severity severity,
    Pattern pattern,
    int group,
    List<String> keywords,
    double entropy,
    boolean requireDigit,
    boolean generic,
    String validator,
    List<Pattern> allow,
    List<Pattern> allowMatch,
    List<Pattern> allowLine,
    Pattern requireLine,
    List<String> knownPublic,
    boolean multiline,
    String message,
    String fix) {

  public SecretRule {
    keywords = List.copyOf(keywords);
    allow = List.copyOf(allow);
    allowMatch = List.copyOf(allowMatch);
    allowLine = List.copyOf(allowLine);
    knownPublic = List.copyOf(knownPublic);
  }

  /** False only when {@code lower} holds none of the keywords: the pattern cannot match. */
  boolean mayMatch(String lower) {
    if (keywords.isEmpty()) {
      return true;
    }
    for (String keyword : keywords) {
      if (lower.contains(keyword)) {
        return true;
      }
    }
    return false;
  }
}
