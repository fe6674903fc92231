package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.Scanner;
import dev.codegen.worker.generation.gate.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The rule tier of the insecure-code gate: runs the language's {@link CodeRules} over generated
 * code and reports each match with its line, column and the line itself as evidence. At most one
 * finding per rule and line, and at most {@link #MAX_FINDINGS} in all.
 */
public final class InsecureCodeScanner implements Scanner {

  static final int MAX_FINDINGS = 50;
  private static final int MAX_EVIDENCE = 160;

  private final String gate;
  private final CodeRules rules;

  public InsecureCodeScanner(String gate, CodeRules rules) {
    this.gate = gate;
    this.rules = rules;
  }

  @Override
  public List<Finding> scan(String text, Language language) {
    if (text == null || text.isEmpty() || language == null) {
      return List.of();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    TextLines lines = new TextLines(text);
    List<Finding> findings = new ArrayList<>();
    for (CodeRule rule : rules.forLanguage(language)) {
      if (!rule.mayMatch(lower)) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(text);
      int lastLine = -1;
      boolean checked = false;
      while (matcher.find() && findings.size() < MAX_FINDINGS) {
        if (!checked) {
          checked = true;
          if (!rule.appliesTo(text)) {
            break;
          }
        }
        int line = lines.lineOf(matcher.start());
        if (line == lastLine) {
          continue;
        }
        String lineText = lines.text(line);
        if (!rule.inComments() && Comments.isCommentLine(lineText, language)) {
          continue;
        }
        if (rule.unless() != null && rule.unless().matcher(lineText).find()) {
          continue;
        }
        if (rule.looksNear()
            && !rule.contextAllows(
                lines.window(line, lines.lineOf(matcher.end()), rule.nearLines()), text, matcher)) {
          continue;
        }
        lastLine = line;
        findings.add(
            new Finding(
                gate,
                rule.id(),
                rule.cwe(),
                rule.severity(),
                line,
                lines.columnOf(matcher.start()),
                evidence(lineText),
                rule.message(),
                rule.fix()));
      }
    }
    findings.sort(
        (a, b) ->
            a.line() != b.line() ? Integer.compare(a.line(), b.line()) : a.column() - b.column());
    return findings;
  }

  private static String evidence(String line) {
    String trimmed = line.strip();
    return trimmed.length() <= MAX_EVIDENCE ? trimmed : trimmed.substring(0, MAX_EVIDENCE) + "…";
  }
}
