package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntaxPluginTests {

  private final SyntaxPlugin plugin = new SyntaxPlugin(Duration.ofSeconds(10));

  private PluginResult check(Language language, String code) {
    return plugin.apply(new Artifact("job", language, code));
  }

  private static void assumeTool(String tool) {
    assumeTrue(ToolLocator.fromEnvironment().find(tool).isPresent(), tool + " not installed");
  }

  @Test
  void passesValidPython() {
    assumeTool("python3");

    PluginResult result = check(Language.PYTHON, "def f(x):\n    return x + 1\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).contains("python3");
  }

  @Test
  void failsPythonWithLineAndColumnWithoutRunningIt() {
    assumeTool("python3");
    // Would print if it ran; compile() only parses.
    String code = "print('ran')\n\ndef f(:\n    pass\n";

    PluginResult result = check(Language.PYTHON, code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    Diagnostic d = result.report().diagnostics().get(0);
    assertThat(d.line()).isEqualTo(3);
    assertThat(d.column()).isEqualTo(7);
    assertThat(d.code()).isEqualTo("python.SyntaxError");
  }

  @Test
  void failsPythonThatParsesButDoesNotCompile() {
    assumeTool("python3");

    PluginResult result = check(Language.PYTHON, "x = 1\nreturn x\n");

    assertThat(result.report().diagnostics().get(0).message()).contains("'return' outside");
  }

  @Test
  void checksJavascriptAsScriptOrModule() {
    assumeTool("node");

    assertThat(check(Language.JAVASCRIPT, "const a = 1;\nconsole.log(a);\n").report().verdict())
        .isEqualTo(PluginVerdict.PASSED);
    assertThat(
            check(Language.JAVASCRIPT, "import fs from 'fs';\nexport const a = 1;\n")
                .report()
                .verdict())
        .isEqualTo(PluginVerdict.PASSED);
  }

  @Test
  void failsJavascriptWithLineAndColumn() {
    assumeTool("node");

    PluginResult result = check(Language.JAVASCRIPT, "const a = 1;\nfoo(;\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::code)
        .containsExactly(2L, 5L, "node.SyntaxError");
  }

  @Test
  void checksBash() {
    assumeTool("bash");

    assertThat(check(Language.BASH, "echo hi\n").report().verdict())
        .isEqualTo(PluginVerdict.PASSED);
    PluginResult broken = check(Language.BASH, "if true; then\n  echo hi\nfi fi\n");
    assertThat(broken.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(broken.report().diagnostics()).extracting(Diagnostic::line).containsExactly(3L);
  }

  @Test
  void checksGoWhenGofmtIsInstalled() {
    assumeTool("gofmt");

    assertThat(check(Language.GO, "package main\n\nfunc main() {}\n").report().verdict())
        .isEqualTo(PluginVerdict.PASSED);
    PluginResult broken = check(Language.GO, "package main\nfunc main() {\n\tx := \n}\n");
    assertThat(broken.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(broken.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::column)
        .containsExactly(4L, 1L);
  }

  @Test
  void skipsJavaAndLanguagesWithoutAChecker() {
    assertThat(check(Language.JAVA, "class A {}").report().summary()).contains("javac");
    PluginResult ts = check(Language.TYPESCRIPT, "let a: number = 1;");
    assertThat(ts.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(ts.report().summary()).contains("typescript");
  }

  @Test
  void skipsWithTheReasonWhenTheToolIsMissing(@TempDir Path emptyDir) {
    SyntaxPlugin noTools =
        new SyntaxPlugin(new ToolLocator(emptyDir.toString()), Duration.ofSeconds(1));

    PluginResult result = noTools.apply(new Artifact("job", Language.PYTHON, "x = 1"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary()).isEqualTo("python3 is not installed (not on PATH)");
  }

  @Test
  void killsAToolThatRunsPastItsTimeout(@TempDir Path bin) throws IOException {
    fakeTool(bin, "bash", "sleep 30");
    SyntaxPlugin slow = new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofMillis(300));

    long start = System.nanoTime();
    PluginResult result = slow.apply(new Artifact("job", Language.BASH, "echo hi"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(result.report().summary()).contains("killed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void reportsAnErrorNotAFailureWhenTheToolBreaksWithoutASyntaxError(@TempDir Path bin)
      throws IOException {
    fakeTool(bin, "node", "echo 'segmentation fault'; exit 3");
    SyntaxPlugin broken = new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofSeconds(5));

    PluginResult result = broken.apply(new Artifact("job", Language.JAVASCRIPT, "1"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.ERROR);
    assertThat(result.report().summary()).contains("exited 3", "segmentation fault");
  }

  private static void fakeTool(Path bin, String name, String body) throws IOException {
    Path tool = bin.resolve(name);
    Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
