package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import dev.codegen.model.Severity;

/** Builds the findings of the analyser tier: gate {@value #GATE}, rule {@code <tool>.<id>}. */
final class Findings {

  /** The gate every analyser finding belongs to. */
  static final String GATE = "output.analysers";

  static final int MAX_MESSAGE = 300;

  private Findings() {}

  static Finding of(
      String tool,
      String id,
      String cwe,
      Severity severity,
      String code,
      long line,
      long column,
      String message,
      String fix) {
    int safeLine = (int) Math.max(0, Math.min(line, Integer.MAX_VALUE));
    int safeColumn = (int) Math.max(0, Math.min(column, Integer.MAX_VALUE));
    return new Finding(
        GATE,
        tool + "." + id,
        cwe,
        severity,
        safeLine,
        safeColumn,
        Evidence.line(code, safeLine),
        bounded(message),
        fix == null || fix.isBlank() ? null : bounded(fix));
  }

  /** The lower of two severities: tables cap what a tool says, never raise it. */
  static Severity atMost(Severity severity, Severity cap) {
    return severity.atLeast(cap) ? cap : severity;
  }

  /** {@code CWE-n} for a positive number, else {@code null}. */
  static String cwe(int number) {
    return number > 0 ? "CWE-" + number : null;
  }

  private static String bounded(String text) {
    String single = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return single.length() <= MAX_MESSAGE ? single : single.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
