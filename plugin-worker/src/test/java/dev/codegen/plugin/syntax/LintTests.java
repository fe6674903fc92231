package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each linter with the real tool finds a known issue at the right line; its findings are warnings,
 * so the job passes. A test whose linter is not installed is skipped, never passed.
 */
class LintTests {

  private static final SyntaxPlugin PLUGIN = new SyntaxPlugin(Duration.ofSeconds(20));

  @AfterAll
  static void stopCheckers() {
    PLUGIN.close();
  }

  private static void assumeLinter(Language language) {
    ToolStatus lint =
        PLUGIN.tools(language).stream()
            .filter(t -> t.role().equals("lint"))
            .findFirst()
            .orElseThrow();
    ToolStatus check =
        PLUGIN.tools(language).stream()
            .filter(t -> t.role().equals("check"))
            .findFirst()
            .orElseThrow();
    assumeTrue(!check.isMissing(), check.toString());
    assumeTrue(!lint.isMissing(), lint.toString());
  }

  private static Diagnostic passesWithWarning(Language language, String code, String rule) {
    PluginResult result = PLUGIN.apply(new Artifact("job", language, code));

    assertThat(result.report().verdict())
        .as(result.report().summary())
        .isEqualTo(PluginVerdict.PASSED);
    assertThat(result.missing()).isNull();
    return result.report().diagnostics().stream()
        .filter(d -> d.code().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError(rule + " not in " + result.report()));
  }

  @Test
  void pyflakesFindsAnUnusedImportAtItsLine() {
    assumeLinter(Language.PYTHON);

    Diagnostic d =
        passesWithWarning(
            Language.PYTHON, "def f(x):\n    return x\n\nimport os\n", "pyflakes.UnusedImport");

    assertThat(d.line()).isEqualTo(4);
    assertThat(d.severity()).isEqualTo("warning");
    assertThat(d.message()).contains("'os' imported but unused");
  }

  @Test
  void eslintFindsAnUnusedLocalAndANanComparison() {
    assumeLinter(Language.JAVASCRIPT);
    String code =
        "function f(x) {\n  const unused = 1;\n  if (x == NaN) {\n    return 1;\n  }\n  return 2;\n}\n";

    Diagnostic unused = passesWithWarning(Language.JAVASCRIPT, code, "eslint.no-unused-vars");
    Diagnostic nan = passesWithWarning(Language.JAVASCRIPT, code, "eslint.use-isnan");

    assertThat(unused.line()).isEqualTo(2);
    assertThat(unused.column()).isEqualTo(9);
    assertThat(unused.severity()).isEqualTo("warning");
    assertThat(nan.line()).isEqualTo(3);
  }

  @Test
  void eslintLeavesAScriptsTopLevelFunctionsAlone() {
    assumeLinter(Language.JAVASCRIPT);

    PluginResult result =
        PLUGIN.apply(
            new Artifact("job", Language.JAVASCRIPT, "function add(a, b) {\n  return a + b;\n}\n"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().diagnostics()).isEmpty();
  }

  @Test
  void goVetFindsAPrintfMismatchAtItsLine() {
    assumeLinter(Language.GO);
    String code =
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"x\"\n"
            + "\tfmt.Printf(\"%d\\n\", s)\n}\n";

    Diagnostic d = passesWithWarning(Language.GO, code, "go.vet");

    assertThat(d.line()).isEqualTo(7);
    assertThat(d.column()).isEqualTo(2);
    assertThat(d.message()).contains("fmt.Printf format %d has arg s of wrong type string");
  }

  @Test
  void goVetThatCannotLoadThePackageSaysSoAndTheCheckStillPasses() {
    assumeLinter(Language.GO);
    String code = "package main\n\nimport \"example.com/nowhere\"\n\nfunc main() { nowhere.X() }\n";

    PluginResult result = PLUGIN.apply(new Artifact("job", Language.GO, code));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).contains("not linted: go vet exited");
    assertThat(result.report().diagnostics()).isEmpty();
    assertThat(result.missing()).isNull();
  }

  @Test
  void shellcheckFindsAnUnquotedVariableAtItsLine() {
    assumeLinter(Language.BASH);

    Diagnostic d =
        passesWithWarning(Language.BASH, "#!/bin/bash\nname=$1\necho $name\n", "shellcheck.SC2086");

    assertThat(d.line()).isEqualTo(3);
    assertThat(d.column()).isEqualTo(6);
    assertThat(d.message()).contains("Double quote");
  }

  @Test
  void rustcWarnsAboutAnUnusedVariableAtItsLine() {
    assumeTrue(ToolLocator.fromEnvironment().find("rustc").isPresent(), "rustc not installed");

    PluginResult result =
        PLUGIN.apply(
            new Artifact(
                "job", Language.RUST, "pub fn f() -> i32 {\n    let unused = 2;\n    1\n}\n"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().diagnostics())
        .anySatisfy(
            d -> {
              assertThat(d.line()).isEqualTo(2);
              assertThat(d.severity()).isEqualTo("warning");
              assertThat(d.message()).contains("unused variable");
            });
  }

  @Test
  void aMissingLinterIsNotedButTheCheckStaysComplete(@TempDir Path bin) throws Exception {
    Path bash = ToolLocator.fromEnvironment().find("bash").orElse(null);
    assumeTrue(bash != null, "bash not installed");
    java.nio.file.Files.createSymbolicLink(bin.resolve("bash"), bash);
    try (SyntaxPlugin noShellcheck =
        new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofSeconds(5))) {

      PluginResult result = noShellcheck.apply(new Artifact("job", Language.BASH, "echo $1\n"));

      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
      assertThat(result.report().summary()).endsWith("; not linted: shellcheck is not installed");
      assertThat(result.missing()).isNull();
      assertThat(noShellcheck.tools(Language.BASH))
          .extracting(ToolStatus::role, ToolStatus::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("check", ToolStatus.State.FOUND),
              org.assertj.core.groups.Tuple.tuple("lint", ToolStatus.State.MISSING));
    }
  }
}
