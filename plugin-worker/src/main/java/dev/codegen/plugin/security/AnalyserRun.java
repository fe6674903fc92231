package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import java.util.List;

/**
 * How one analyser's run on one job ended.
 *
 * @param tool the analyser
 * @param status whether it ran
 * @param findings what it found (empty unless it ran)
 * @param detail why it did not run, or a short note on the run
 */
record AnalyserRun(String tool, Status status, List<Finding> findings, String detail) {

  enum Status {
    RAN,
    SKIPPED,
    TIMEOUT,
    ERROR
  }

  AnalyserRun {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  static AnalyserRun ran(String tool, List<Finding> findings) {
    return new AnalyserRun(tool, Status.RAN, findings, "");
  }

  static AnalyserRun skipped(String tool, String why) {
    return new AnalyserRun(tool, Status.SKIPPED, List.of(), why);
  }

  static AnalyserRun timeout(String tool, String why) {
    return new AnalyserRun(tool, Status.TIMEOUT, List.of(), why);
  }

  static AnalyserRun error(String tool, String why) {
    return new AnalyserRun(tool, Status.ERROR, List.of(), why);
  }
}
