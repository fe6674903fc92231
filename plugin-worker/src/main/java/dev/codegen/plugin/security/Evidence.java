package dev.codegen.plugin.security;

import java.util.regex.Pattern;

/**
 * The evidence of a finding: its source line, trimmed and bounded. A line that looks like it
 * carries a credential has its string literals masked, so a hard-coded secret never travels in a
 * finding.
 */
final class Evidence {

  static final int MAX_LENGTH = 200;

  private static final Pattern SECRET_WORD =
      Pattern.compile(
          "(?i)pass(?:wd|word)?|pwd|secret|token|api[_-]?key|private[_-]?key|credential|auth");

  private static final Pattern STRING_LITERAL = Pattern.compile("(\"|')(?:\\\\.|(?!\\1).){4,}\\1");

  private Evidence() {}

  /** Line {@code line} (1-based) of {@code code}, or an empty string when there is none. */
  static String line(String code, long line) {
    if (line < 1) {
      return "";
    }
    String text = code.lines().skip(line - 1).findFirst().orElse("").strip();
    if (SECRET_WORD.matcher(text).find()) {
      text = STRING_LITERAL.matcher(text).replaceAll("$1****$1");
    }
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
  }
}
