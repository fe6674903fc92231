package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the checkers' error output, each giving line and (where known) column. */
final class ToolOutput {

  private static final Pattern BASH = Pattern.compile("^.*?: line (\\d+): (.*)$");
  private static final Pattern GO = Pattern.compile("^.*?:(\\d+):(\\d+): (.*)$");
  private static final Pattern GCC =
      Pattern.compile("^.*?:(\\d+):(\\d+): (fatal error|error|warning): (.*)$");
  private static final Pattern PHP =
      Pattern.compile("^(?:PHP )?(Parse|Fatal) error:\\s+(.*?) in .*? on line (\\d+)\\s*$");
  private static final Pattern RUBY = Pattern.compile("^.*?:(\\d+): (warning: )?(.*)$");
  private static final Pattern RUSTC =
      Pattern.compile("^.*?:(\\d+):(\\d+): (error|warning)(?:\\[(\\w+)])?: (.*)$");
  private static final Pattern MCS =
      Pattern.compile("^.*?\\((\\d+),(\\d+)\\): (error|warning) (CS\\d+): (.*)$");

  private ToolOutput() {}

  /** {@code bash -n} prints {@code file: line N: message}, then the line itself quoted. */
  static List<Diagnostic> bash(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = BASH.matcher(line);
      if (m.matches() && !m.group(2).startsWith("`")) {
        found.add(error(m.group(1), "0", "bash.syntax", m.group(2)));
      }
    }
    return found;
  }

  /** {@code gofmt -e} prints {@code file:line:column: message} per error. */
  static List<Diagnostic> go(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = GO.matcher(line);
      if (m.matches()) {
        found.add(error(m.group(1), m.group(2), "go.syntax", m.group(3)));
      }
    }
    return found;
  }

  /**
   * {@code gcc/g++ -fsyntax-only} print {@code file:line:column: error|warning: message [-Wflag]},
   * then the source line and a caret; notes are left out.
   */
  static List<Diagnostic> gcc(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = GCC.matcher(line);
      if (m.matches()) {
        boolean warning = m.group(3).equals("warning");
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                warning ? "warning" : "error",
                warning ? "gcc.warning" : "gcc.error",
                m.group(4)));
      }
    }
    return found;
  }

  /** {@code php -l} prints {@code Parse error: message in file on line N}, no column. */
  static List<Diagnostic> php(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = PHP.matcher(line.strip());
      if (m.matches()) {
        Diagnostic d =
            error(
                m.group(3),
                "0",
                "php." + m.group(1).toLowerCase(java.util.Locale.ROOT),
                m.group(2));
        if (!found.contains(d)) {
          found.add(d);
        }
      }
    }
    return found;
  }

  /** {@code ruby -wc} prints {@code file:line: message} or {@code file:line: warning: message}. */
  static List<Diagnostic> ruby(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = RUBY.matcher(line);
      if (m.matches()) {
        boolean warning = m.group(2) != null;
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                0,
                warning ? "warning" : "error",
                warning ? "ruby.warning" : "ruby.syntax",
                m.group(3)));
      }
    }
    return found;
  }

  /** {@code rustc --error-format=short} prints {@code file:line:column: error[E0425]: message}. */
  static List<Diagnostic> rustc(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = RUSTC.matcher(line);
      if (m.matches()) {
        String code = m.group(4) == null ? m.group(3) : m.group(4);
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                m.group(3),
                "rustc." + code,
                m.group(5)));
      }
    }
    return found;
  }

  /** {@code mcs} prints {@code file(line,column): error CS1525: message}. */
  static List<Diagnostic> mcs(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = MCS.matcher(line);
      if (m.matches()) {
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                m.group(3),
                "mcs." + m.group(4),
                m.group(5)));
      }
    }
    return found;
  }

  private static Diagnostic error(String line, String column, String code, String message) {
    return new Diagnostic(Long.parseLong(line), Long.parseLong(column), "error", code, message);
  }
}
