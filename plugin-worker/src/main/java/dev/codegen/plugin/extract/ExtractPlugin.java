package dev.codegen.plugin.extract;

import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pulls the code out of a model's markdown answer. With fenced blocks it takes the largest block
 * tagged with the job's language, else the largest block; without fences the whole text is the
 * code. Fails the job only when no code is left at all.
 */
public final class ExtractPlugin implements Plugin {

  public static final String NAME = "extract";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    List<FencedBlock> fenced = MarkdownFences.find(artifact.code());
    List<FencedBlock> blocks = fenced.stream().filter(b -> !b.content().isBlank()).toList();
    if (!fenced.isEmpty() && blocks.isEmpty()) {
      return PluginResult.unchanged(
          artifact, NAME, PluginVerdict.FAILED, "every code fence is empty", List.of());
    }
    if (blocks.isEmpty()) {
      String text = MarkdownFences.clean(artifact.code().lines().toList());
      if (text.isBlank()) {
        return PluginResult.unchanged(
            artifact, NAME, PluginVerdict.FAILED, "no code found in the model output", List.of());
      }
      return PluginResult.changed(
          text + "\n",
          NAME,
          PluginVerdict.PASSED,
          "no code fence; took the whole text (" + text.lines().count() + " lines)");
    }
    Optional<FencedBlock> tagged =
        blocks.stream()
            .filter(b -> LanguageTags.matches(b.tag(), artifact.language()))
            .max(bySize());
    FencedBlock chosen = tagged.orElseGet(() -> blocks.stream().max(bySize()).orElseThrow());
    String why = tagged.isPresent() ? "tagged " + chosen.tag() : "largest";
    String summary =
        String.format(
            "%d fenced block(s); took the %s block (%d lines)",
            blocks.size(), why, chosen.lineCount());
    return PluginResult.changed(chosen.content() + "\n", NAME, PluginVerdict.PASSED, summary);
  }

  private static Comparator<FencedBlock> bySize() {
    return Comparator.comparingInt(b -> b.content().length());
  }
}
