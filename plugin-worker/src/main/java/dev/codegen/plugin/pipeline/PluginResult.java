package dev.codegen.plugin.pipeline;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Finding;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import java.util.List;

/**
 * What a plugin returns: its report and the code to hand to the next stage.
 *
 * @param report the plugin's report; {@link StageRunner} stamps the measured duration on it
 * @param code the code after the plugin ran
 * @param findings safety findings for the job, in the order found (redacted evidence); the stage
 *     applies the deployment's {@link FindingPolicy} to them
 * @param missing set when the plugin should have checked the code and could not (tool missing, no
 *     checker for the language, timeout, crash): the job's checks become incomplete; {@code null}
 *     otherwise
 */
public record PluginResult(
    PluginReport report, String code, List<Finding> findings, MissingCheck missing) {

  public PluginResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** A result without findings whose check (if any) ran. */
  public PluginResult(PluginReport report, String code) {
    this(report, code, List.of(), null);
  }

  /** A result with findings whose check (if any) ran. */
  public PluginResult(PluginReport report, String code, List<Finding> findings) {
    this(report, code, findings, null);
  }

  /**
   * A check that could not examine the code: the verdict is {@code timeout} for a timeout, {@code
   * error} for a crash, else {@code skipped}; never {@code passed}.
   */
  public static PluginResult notChecked(
      Artifact artifact, String plugin, MissingCheck.Reason reason, String summary) {
    PluginVerdict verdict =
        switch (reason) {
          case TIMEOUT -> PluginVerdict.TIMEOUT;
          case ERROR -> PluginVerdict.ERROR;
          case TOOL_MISSING, NO_CHECKER -> PluginVerdict.SKIPPED;
        };
    return new PluginResult(
        new PluginReport(plugin, verdict, 0, summary, List.of()),
        artifact.code(),
        List.of(),
        new MissingCheck(plugin, reason, summary));
  }

  /** A result that keeps the artifact's code. */
  public static PluginResult unchanged(
      Artifact artifact,
      String plugin,
      PluginVerdict verdict,
      String summary,
      List<Diagnostic> diagnostics) {
    return new PluginResult(
        new PluginReport(plugin, verdict, 0, summary, diagnostics), artifact.code());
  }

  /** A result that replaces the code. */
  public static PluginResult changed(
      String code, String plugin, PluginVerdict verdict, String summary) {
    return new PluginResult(new PluginReport(plugin, verdict, 0, summary, List.of()), code);
  }

  /** Whether the code did not pass the plugin's check, which ends the job. */
  public boolean failed() {
    return report.verdict() == PluginVerdict.FAILED;
  }
}
