package dev.codegen.plugin.pipeline;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Finding;
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
 */
public record PluginResult(PluginReport report, String code, List<Finding> findings) {

  public PluginResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** A result without findings. */
  public PluginResult(PluginReport report, String code) {
    this(report, code, List.of());
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
