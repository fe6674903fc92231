package dev.codegen.plugin.tests;

import dev.codegen.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what each test runner prints into {@link TestResults}. */
final class TestOutput {

  static final int MAX_PROBLEMS = 20;
  private static final int MAX_MESSAGE = 300;

  private static final Pattern PYTHON_SUMMARY =
      Pattern.compile("(?m)^##codegen-tests\\t(\\d+)\\t(\\d+)\\t(\\d+)\\t(\\d+)$");
  private static final Pattern PYTHON_RUNNER =
      Pattern.compile("(?m)^##codegen-tests-runner\\t(\\w+)(?: [\\w.]+)?$");
  private static final Pattern PYTHON_FAILED =
      Pattern.compile("(?m)^##codegen-test-failed\\t(\\w+)\\t(\\d+)\\t([^\\t]*)\\t(.*)$");

  private static final Pattern NODE_COUNT =
      Pattern.compile("(?m)^# (pass|fail|skipped|todo|cancelled) (\\d+)$");
  private static final Pattern NODE_NOT_OK = Pattern.compile("^(\\s*)not ok \\d+ - (.*)$");
  private static final Pattern NODE_ERROR = Pattern.compile("^\\s*error: (.*)$");
  private static final Pattern NODE_LOCATION = Pattern.compile("^\\s*location: '.*:(\\d+):\\d+'$");

  private static final Pattern RUST_SUMMARY =
      Pattern.compile("(?m)^test result: \\w+\\. (\\d+) passed; (\\d+) failed; (\\d+) ignored;.*$");
  private static final Pattern RUST_FAILED = Pattern.compile("(?m)^test (\\S+) \\.\\.\\. FAILED$");
  private static final Pattern RUST_PANIC =
      Pattern.compile("(?s)---- (\\S+) stdout ----\\n.*?panicked at (.*?)(?=\\n\\n|\\nnote:|$)");
  private static final Pattern RUST_LINE = Pattern.compile("snippet\\.rs:(\\d+):\\d+");
  private static final Pattern RUST_ERROR =
      Pattern.compile("(?m)^error(\\[E\\d+])?: (.*)$(?:\\n\\s*--> snippet\\.rs:(\\d+):\\d+)?");

  private static final Pattern GO_RESULT = Pattern.compile("^--- (PASS|FAIL|SKIP): (\\S+).*$");
  private static final Pattern GO_RUN = Pattern.compile("^=== RUN\\s+(\\S+)$");
  private static final Pattern GO_LOG = Pattern.compile("^\\s+snippet_test\\.go:(\\d+): (.*)$");
  private static final Pattern GO_END = Pattern.compile("(?m)^(ok|FAIL)\\s+snippet\\s");
  private static final Pattern GO_BUILD_ERROR =
      Pattern.compile("(?m)^\\./snippet_test\\.go:(\\d+):\\d+: (.*)$");

  private TestOutput() {}

  /**
   * {@code go test -v}: {@code --- PASS/FAIL/SKIP: Name} per top-level test, a failing test's first
   * {@code snippet_test.go:N: message} log line, or the build errors when it did not compile.
   */
  static TestResults go(String output) {
    if (!GO_END.matcher(output).find() || output.contains("[build failed]")) {
      List<Diagnostic> errors = new ArrayList<>();
      Matcher error = GO_BUILD_ERROR.matcher(output);
      while (error.find() && errors.size() < MAX_PROBLEMS) {
        errors.add(problem(Long.parseLong(error.group(1)), "test_compile_error", error.group(2)));
      }
      return TestResults.unfinished(errors);
    }
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    List<Diagnostic> problems = new ArrayList<>();
    java.util.Map<String, Diagnostic> firstLog = new java.util.HashMap<>();
    String running = null;
    for (String line : output.split("\n")) {
      Matcher run = GO_RUN.matcher(line);
      Matcher log = GO_LOG.matcher(line);
      Matcher result = GO_RESULT.matcher(line);
      if (run.matches()) {
        running = run.group(1);
      } else if (log.matches() && running != null) {
        firstLog.putIfAbsent(
            running,
            problem(Long.parseLong(log.group(1)), "test_failed", running + ": " + log.group(2)));
      } else if (result.matches()) {
        switch (result.group(1)) {
          case "PASS" -> passed++;
          case "SKIP" -> skipped++;
          default -> {
            failed++;
            if (problems.size() < MAX_PROBLEMS) {
              String test = result.group(2);
              problems.add(firstLog.getOrDefault(test, problem(0, "test_failed", test)));
            }
          }
        }
      }
    }
    return new TestResults(true, passed, failed, 0, skipped, problems);
  }

  /** The summary and failure lines of the Python harness ({@code tests/python_tests.py}). */
  static TestResults python(String output) {
    List<Diagnostic> problems = new ArrayList<>();
    Matcher failed = PYTHON_FAILED.matcher(output);
    while (failed.find() && problems.size() < MAX_PROBLEMS) {
      String kind = failed.group(1);
      String test = failed.group(3);
      String message = test.isEmpty() ? failed.group(4) : test + ": " + failed.group(4);
      problems.add(problem(Long.parseLong(failed.group(2)), "test_" + kind, message));
    }
    Matcher summary = PYTHON_SUMMARY.matcher(output);
    int[] counts = null;
    while (summary.find()) {
      counts =
          new int[] {
            Integer.parseInt(summary.group(1)),
            Integer.parseInt(summary.group(2)),
            Integer.parseInt(summary.group(3)),
            Integer.parseInt(summary.group(4))
          };
    }
    if (counts == null) {
      return TestResults.unfinished(problems);
    }
    Matcher runner = PYTHON_RUNNER.matcher(output);
    return new TestResults(
        true,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        problems,
        runner.find() ? "python " + runner.group(1) : null);
  }

  /** Node's test runner with the TAP reporter: {@code # pass N}, {@code not ok N - name}. */
  static TestResults node(String output) {
    int pass = -1;
    int fail = 0;
    int skipped = 0;
    Matcher count = NODE_COUNT.matcher(output);
    while (count.find()) {
      int n = Integer.parseInt(count.group(2));
      switch (count.group(1)) {
        case "pass" -> pass = n;
        case "fail", "cancelled" -> fail += n;
        default -> skipped += n;
      }
    }
    List<Diagnostic> problems = new ArrayList<>();
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
      Matcher notOk = NODE_NOT_OK.matcher(lines[i]);
      if (!notOk.matches()) {
        continue;
      }
      String error = "";
      long line = 0;
      String indent = notOk.group(1);
      for (int j = i + 1; j < lines.length && !lines[j].startsWith(indent + "  ..."); j++) {
        Matcher e = NODE_ERROR.matcher(lines[j]);
        Matcher where = NODE_LOCATION.matcher(lines[j]);
        if (error.isEmpty() && e.matches()) {
          error = e.group(1).strip();
          if (error.equals("|-") && j + 1 < lines.length) {
            error = lines[j + 1].strip();
          }
        } else if (line == 0 && where.matches()) {
          line = Long.parseLong(where.group(1));
        }
      }
      String message = notOk.group(2) + (error.isEmpty() ? "" : ": " + unquote(error));
      problems.add(problem(line, "test_failed", message));
    }
    if (pass < 0) {
      return TestResults.unfinished(problems);
    }
    return new TestResults(true, pass, fail, 0, skipped, problems);
  }

  /** libtest's output ({@code test result: ...}), or rustc's errors when it did not compile. */
  static TestResults rust(String output) {
    Matcher summary = RUST_SUMMARY.matcher(output);
    if (!summary.find()) {
      List<Diagnostic> errors = new ArrayList<>();
      Matcher error = RUST_ERROR.matcher(output);
      while (error.find() && errors.size() < MAX_PROBLEMS) {
        if (error.group(2).startsWith("aborting due to")) {
          continue;
        }
        long line = error.group(3) == null ? 0 : Long.parseLong(error.group(3));
        errors.add(problem(line, "test_compile_error", error.group(2)));
      }
      return TestResults.unfinished(errors);
    }
    List<Diagnostic> problems = new ArrayList<>();
    Matcher failed = RUST_FAILED.matcher(output);
    while (failed.find() && problems.size() < MAX_PROBLEMS) {
      String test = failed.group(1);
      String message = test;
      long line = 0;
      Matcher panic = RUST_PANIC.matcher(output);
      while (panic.find()) {
        if (panic.group(1).equals(test)) {
          message = test + ": panicked at " + panic.group(2).replaceAll("\\s+", " ");
          Matcher where = RUST_LINE.matcher(panic.group(2));
          line = where.find() ? Long.parseLong(where.group(1)) : 0;
          break;
        }
      }
      problems.add(problem(line, "test_failed", message));
    }
    return new TestResults(
        true,
        Integer.parseInt(summary.group(1)),
        Integer.parseInt(summary.group(2)),
        0,
        Integer.parseInt(summary.group(3)),
        problems);
  }

  private static Diagnostic problem(long line, String code, String message) {
    String text = message.strip();
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE - 3) + "...";
    }
    return new Diagnostic(line, 0, "error", code, text);
  }

  private static String unquote(String text) {
    return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
        ? text.substring(1, text.length() - 1)
        : text;
  }
}
