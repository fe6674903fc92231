package dev.codegen.plugin.tests;

import dev.codegen.model.Diagnostic;
import java.util.List;

/**
 * What a test run printed, parsed.
 *
 * @param finished whether the runner printed its summary (false: it crashed, was killed or the code
 *     did not compile or import)
 * @param passed tests that passed
 * @param failed tests whose assertions failed
 * @param errors tests that raised or panicked outside an assertion (counted apart where the runner
 *     tells them apart)
 * @param skipped tests skipped
 * @param problems one diagnostic per failing test, or the compile or import error
 * @param runner the runner the output names (the Python harness chooses unittest or pytest), or
 *     {@code null}
 */
record TestResults(
    boolean finished,
    int passed,
    int failed,
    int errors,
    int skipped,
    List<Diagnostic> problems,
    String runner) {

  TestResults {
    problems = List.copyOf(problems);
  }

  TestResults(
      boolean finished,
      int passed,
      int failed,
      int errors,
      int skipped,
      List<Diagnostic> problems) {
    this(finished, passed, failed, errors, skipped, problems, null);
  }

  static TestResults unfinished(List<Diagnostic> problems) {
    return new TestResults(false, 0, 0, 0, 0, problems);
  }

  int ran() {
    return passed + failed + errors;
  }

  boolean allPassed() {
    return finished && failed == 0 && errors == 0;
  }

  /** {@code 3 passed, 1 failed, 1 error, 2 skipped}: only the counts that are not zero. */
  String counts() {
    StringBuilder text = new StringBuilder(passed + " passed");
    if (failed > 0) {
      text.append(", ").append(failed).append(" failed");
    }
    if (errors > 0) {
      text.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (skipped > 0) {
      text.append(", ").append(skipped).append(" skipped");
    }
    return text.toString();
  }
}
