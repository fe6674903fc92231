package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerInventoryTests {

  /** A plugin that uses one tool per language it is given. */
  private record Tools(String name, Map<Language, ToolStatus> tools) implements Plugin, UsesTools {

    @Override
    public PluginResult apply(Artifact artifact) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ToolStatus> tools(Language language) {
      return tools.containsKey(language) ? List.of(tools.get(language)) : List.of();
    }
  }

  private static final Tools SYNTAX =
      new Tools(
          "syntax",
          Map.of(
              Language.PYTHON, ToolStatus.found("check", "python3", "python3 3.11.7"),
              Language.GO, ToolStatus.found("check", "gofmt", "go1.19.8")));
  private static final Tools FORMAT =
      new Tools(
          "format",
          Map.of(
              Language.PYTHON, ToolStatus.found("format", "black", "black 23.1.0"),
              Language.GO, ToolStatus.missing("format", "gofmt", "not on PATH")));

  @Test
  void describesEveryLanguageInOneLineFromTheConfiguredStagesOnly() {
    CheckerInventory inventory =
        CheckerInventory.of(List.of("extract", "syntax", "format"), List.of(FORMAT, SYNTAX));

    Map<Language, String> lines = inventory.lines();

    assertThat(lines).containsOnlyKeys(Language.values());
    assertThat(lines.get(Language.PYTHON))
        .isEqualTo("check python3 (python3 3.11.7); format black (black 23.1.0)");
    assertThat(lines.get(Language.GO))
        .isEqualTo("check gofmt (go1.19.8); format gofmt MISSING (not on PATH)");
    assertThat(lines.get(Language.KOTLIN)).isEqualTo("no checker, formatter or linter");
    assertThat(
            CheckerInventory.of(List.of("syntax"), List.of(FORMAT, SYNTAX))
                .lines()
                .get(Language.GO))
        .isEqualTo("check gofmt (go1.19.8)");
  }

  @Test
  void aMissingToolIsReadinessDetailAndFailsReadinessOnlyWhenRequired() {
    CheckerInventory inventory =
        CheckerInventory.of(List.of("syntax", "format"), List.of(FORMAT, SYNTAX));

    assertThat(inventory.missing()).containsExactly(Map.entry("go format gofmt", "not on PATH"));
    assertThat(inventory.details())
        .containsExactly(
            Map.entry("found", "3"), Map.entry("missing", "go format gofmt (not on PATH)"));
    assertThat(inventory.ready(false)).isTrue();
    assertThat(inventory.ready(true)).isFalse();
  }

  @Test
  void isReadyWhenRequiredAndNothingIsMissing() {
    CheckerInventory inventory = CheckerInventory.of(List.of("syntax"), List.of(FORMAT, SYNTAX));

    assertThat(inventory.missing()).isEmpty();
    assertThat(inventory.details()).containsExactly(Map.entry("found", "2"));
    assertThat(inventory.ready(true)).isTrue();
  }
}
