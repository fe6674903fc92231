package dev.codegen.plugin.pipeline;

import dev.codegen.model.Checks;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.PluginReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-line failure message of a job a check failed: the first few findings, bounded. Notes
 * ({@code info}, e.g. a test run's output) are left out when there are findings.
 */
final class FailureSummary {

  static final int SHOWN = 3;
  static final int MAX_LENGTH = 500;

  private FailureSummary() {}

  static String of(PluginReport report) {
    List<Diagnostic> findings =
        report.diagnostics().stream().filter(d -> !"info".equals(d.severity())).toList();
    List<Diagnostic> diagnostics = findings.isEmpty() ? report.diagnostics() : findings;
    if (diagnostics.isEmpty()) {
      return bounded(report.plugin() + ": " + report.summary());
    }
    String first =
        diagnostics.stream()
            .limit(SHOWN)
            .map(FailureSummary::line)
            .collect(Collectors.joining("; "));
    int more = diagnostics.size() - SHOWN;
    String tail = more > 0 ? " (and " + more + " more)" : "";
    return bounded(report.plugin() + ": " + first + tail);
  }

  /** The checks that did not run: {@code checks incomplete: syntax: timeout (why); ...}. */
  static String of(Checks checks) {
    String missing =
        checks.missing().stream()
            .map(
                m ->
                    m.plugin()
                        + ": "
                        + m.reason().wireName()
                        + (m.detail() == null || m.detail().isBlank()
                            ? ""
                            : " (" + m.detail() + ")"))
            .collect(Collectors.joining("; "));
    return bounded("checks incomplete: " + missing);
  }

  private static String line(Diagnostic d) {
    String where =
        d.line() > 0 ? "line " + d.line() + (d.column() > 0 ? ":" + d.column() : "") : "";
    return where.isEmpty() ? d.message() : where + " " + d.message();
  }

  private static String bounded(String text) {
    String single = text.replaceAll("\\s+", " ").strip();
    return single.length() <= MAX_LENGTH ? single : single.substring(0, MAX_LENGTH - 3) + "...";
  }
}
