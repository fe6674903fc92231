package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one post-processing plugin did to a job's code.
 *
 * @param plugin the plugin's name, e.g. {@code extract} or {@code javac}
 * @param verdict the outcome
 * @param durationMillis wall time the plugin took
 * @param summary one line for humans
 * @param diagnostics findings with line and column, possibly empty
 */
public record PluginReport(
    String plugin,
    PluginVerdict verdict,
    @JsonProperty("duration_ms") long durationMillis,
    String summary,
    List<Diagnostic> diagnostics) {

  public PluginReport {
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
  }
}
