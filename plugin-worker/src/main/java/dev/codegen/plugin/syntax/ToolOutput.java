package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the checkers' error output, each giving line and (where known) column. */
final class ToolOutput {

  private static final Pattern PYTHON = Pattern.compile("^(\\d+):(\\d+):(\\w+): (.*)$");
  private static final Pattern NODE_LOCATION = Pattern.compile("^.*:(\\d+)$");
  private static final Pattern NODE_ERROR = Pattern.compile("^(\\w*Error): (.*)$");
  private static final Pattern BASH = Pattern.compile("^.*?: line (\\d+): (.*)$");
  private static final Pattern GO = Pattern.compile("^.*?:(\\d+):(\\d+): (.*)$");

  private ToolOutput() {}

  /** Our own {@code compile()} wrapper prints {@code line:column:Type: message}. */
  static List<Diagnostic> python(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = PYTHON.matcher(line.strip());
      if (m.matches()) {
        found.add(error(m.group(1), m.group(2), "python." + m.group(3), m.group(4)));
      }
    }
    return found;
  }

  /**
   * {@code node --check} prints the file and line, the offending source line, a caret under the
   * column, then {@code SyntaxError: message}.
   */
  static List<Diagnostic> node(String output) {
    String[] lines = output.split("\\R");
    long line = 0;
    long column = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher location = NODE_LOCATION.matcher(lines[i]);
      if (line == 0 && location.matches()) {
        line = Long.parseLong(location.group(1));
        if (i + 2 < lines.length && lines[i + 2].strip().startsWith("^")) {
          column = lines[i + 2].indexOf('^') + 1;
        }
        continue;
      }
      Matcher error = NODE_ERROR.matcher(lines[i].strip());
      if (error.matches()) {
        return List.of(
            new Diagnostic(line, column, "error", "node." + error.group(1), error.group(2)));
      }
    }
    return List.of();
  }

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

  private static Diagnostic error(String line, String column, String code, String message) {
    return new Diagnostic(Long.parseLong(line), Long.parseLong(column), "error", code, message);
  }
}
