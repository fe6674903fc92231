package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every language with its real checker: good code passes, broken code fails at the right line. A
 * test whose tool is not installed is skipped (bin/setup-checkers installs them), never passed.
 */
class SyntaxPluginTests {

  private static final SyntaxPlugin PLUGIN = new SyntaxPlugin(Duration.ofSeconds(20));

  @AfterAll
  static void stopCheckers() {
    PLUGIN.close();
  }

  private static PluginResult check(Language language, String code) {
    return PLUGIN.apply(new Artifact("job", language, code));
  }

  private static void assumeTool(String tool) {
    assumeTrue(ToolLocator.fromEnvironment().find(tool).isPresent(), tool + " not installed");
  }

  private static void assertPasses(Language language, String code) {
    PluginResult result = check(language, code);
    assertThat(result.report().verdict())
        .as(result.report().summary())
        .isEqualTo(PluginVerdict.PASSED);
    assertThat(result.missing()).isNull();
  }

  private static Diagnostic assertFailsAt(Language language, String code, long line) {
    PluginResult result = check(language, code);
    assertThat(result.report().verdict())
        .as(result.report().summary())
        .isEqualTo(PluginVerdict.FAILED);
    Diagnostic first =
        result.report().diagnostics().stream()
            .filter(d -> d.severity().equals("error"))
            .findFirst()
            .orElseThrow();
    assertThat(first.line()).as(first.toString()).isEqualTo(line);
    assertThat(result.missing()).isNull();
    return first;
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
    Diagnostic d = assertFailsAt(Language.PYTHON, "print('ran')\n\ndef f(:\n    pass\n", 3);

    assertThat(d.column()).isEqualTo(7);
    assertThat(d.code()).isEqualTo("python.SyntaxError");
  }

  @Test
  void failsPythonThatParsesButDoesNotCompile() {
    assumeTool("python3");

    Diagnostic d = assertFailsAt(Language.PYTHON, "x = 1\nreturn x\n", 2);

    assertThat(d.message()).contains("'return' outside");
  }

  @Test
  void pyflakesWarningsTravelWithAPass() {
    assumeTool("python3");
    assumeTrue(PLUGIN.start().get(Language.PYTHON).contains("pyflakes"), "pyflakes not importable");

    PluginResult result = check(Language.PYTHON, "import os\n\ndef f():\n    return y\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().diagnostics())
        .extracting(Diagnostic::line, Diagnostic::severity, Diagnostic::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "warning", "pyflakes.UnusedImport"),
            org.assertj.core.groups.Tuple.tuple(4L, "warning", "pyflakes.UndefinedName"));
  }

  @Test
  void checksJavascriptAsScriptOrModule() {
    assumeTool("node");

    assertPasses(Language.JAVASCRIPT, "const a = 1;\nconsole.log(a);\n");
    assertPasses(Language.JAVASCRIPT, "import fs from 'fs';\nexport const a = 1;\n");
  }

  @Test
  void failsJavascriptWithLineAndColumn() {
    assumeTool("node");

    Diagnostic d = assertFailsAt(Language.JAVASCRIPT, "const a = 1;\nfoo(;\n", 2);

    assertThat(d.column()).isEqualTo(5);
    assertThat(d.code()).isEqualTo("node.SyntaxError");
    PluginResult module = check(Language.JAVASCRIPT, "import fs from 'fs';\nexport const = 1;\n");
    assertThat(module.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    if (PLUGIN.start().get(Language.TYPESCRIPT).startsWith("typescript ")) {
      // V8 gives a module's error no location; TypeScript's parser finds it.
      assertThat(module.report().diagnostics().get(0).line()).isEqualTo(2);
    }
  }

  @Test
  void checksTypescriptWithTheCompilerOrSaysItIsMissing() {
    assumeTool("node");
    String good = "interface P { x: number }\nexport const p: P = { x: 1 };\n";
    if (!PLUGIN.start().get(Language.TYPESCRIPT).startsWith("typescript ")) {
      PluginResult result = check(Language.TYPESCRIPT, good);
      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
      assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TOOL_MISSING);
      assumeTrue(false, "typescript module not installed");
    }

    assertPasses(Language.TYPESCRIPT, good);
    Diagnostic d = assertFailsAt(Language.TYPESCRIPT, "const a = 1;\nlet x: number = ;\n", 2);
    assertThat(d.column()).isEqualTo(17);
    assertThat(d.code()).isEqualTo("ts.TS1109");
  }

  @Test
  void checksBash() {
    assumeTool("bash");

    assertPasses(Language.BASH, "echo hi\n");
    PluginResult broken = check(Language.BASH, "if true; then\n  echo hi\nfi fi\n");
    assertThat(broken.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(broken.report().diagnostics()).extracting(Diagnostic::line).containsExactly(3L);
  }

  @Test
  void checksGo() {
    assumeTool("gofmt");

    assertPasses(Language.GO, "package main\n\nfunc main() {}\n");
    Diagnostic d = assertFailsAt(Language.GO, "package main\nfunc main() {\n\tx := \n}\n", 4);
    assertThat(d.column()).isEqualTo(1);
  }

  @Test
  void checksC() {
    assumeTool("gcc");

    assertPasses(
        Language.C, "#include <stdio.h>\n\nint main(void) {\n  puts(\"hi\");\n  return 0;\n}\n");
    Diagnostic d =
        assertFailsAt(Language.C, "int main(void) {\n  int a = 1;\n  return a + b;\n}\n", 3);
    assertThat(d.column()).isEqualTo(14);
  }

  @Test
  void checksCpp() {
    assumeTool("g++");

    assertPasses(
        Language.CPP,
        "#include <vector>\n\nint sum(const std::vector<int>& v) {\n"
            + "  int s = 0;\n  for (int x : v) s += x;\n  return s;\n}\n");
    assertFailsAt(
        Language.CPP, "#include <vector>\n\nint f() {\n  std::vector<int> v\n  return 1;\n}\n", 5);
  }

  @Test
  void checksPhp() {
    assumeTool("php");

    assertPasses(Language.PHP, "<?php\nfunction add($a, $b) {\n  return $a + $b;\n}\n");
    assertFailsAt(Language.PHP, "<?php\nfunction add($a, $b) {\n  return $a + $b\n}\n", 4);
  }

  @Test
  void checksRuby() {
    assumeTool("ruby");

    assertPasses(Language.RUBY, "def add(a, b)\n  a + b\nend\n");
    assertFailsAt(Language.RUBY, "def add(a, b)\n  a + b\nend\nend\n", 4);
  }

  @Test
  void checksRust() {
    assumeTool("rustc");

    assertPasses(Language.RUST, "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n");
    Diagnostic d =
        assertFailsAt(Language.RUST, "pub fn add(a: i32) -> i32 {\n    a + missing\n}\n", 2);
    assertThat(d.column()).isEqualTo(9);
    assertThat(d.code()).isEqualTo("rustc.E0425");
  }

  @Test
  void checksCsharp() {
    assumeTool("mcs");

    assertPasses(
        Language.CSHARP,
        "public class Calc {\n  public int Add(int a, int b) {\n    return a + b;\n  }\n}\n");
    Diagnostic d =
        assertFailsAt(
            Language.CSHARP,
            "public class Calc {\n  public int Add(int a, int b) {\n    return a + c;\n  }\n}\n",
            3);
    assertThat(d.code()).isEqualTo("mcs.CS0103");
  }

  @Test
  void javaIsLeftToJavacAndLanguagesWithoutACheckerAreMissingChecks() {
    PluginResult java = check(Language.JAVA, "class A {}");
    assertThat(java.report().summary()).contains("javac");
    assertThat(java.missing()).isNull();

    PluginResult sql = check(Language.SQL, "SELECT 1;");
    assertThat(sql.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(sql.missing().reason()).isEqualTo(MissingCheck.Reason.NO_CHECKER);
    assertThat(sql.missing().detail()).isEqualTo("no syntax checker for sql");
  }

  @Test
  void aMissingToolIsAMissingCheckNotAPass(@TempDir Path emptyDir) {
    try (SyntaxPlugin noTools =
        new SyntaxPlugin(new ToolLocator(emptyDir.toString()), Duration.ofSeconds(1))) {
      for (Language language : new Language[] {Language.PYTHON, Language.GO, Language.RUST}) {
        PluginResult result = noTools.apply(new Artifact("job", language, "x = 1"));

        assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
        assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TOOL_MISSING);
        assertThat(result.report().summary()).endsWith("is not installed (not on PATH)");
      }
      assertThat(noTools.start().get(Language.GO)).isEqualTo("missing (gofmt is not on PATH)");
    }
  }

  @Test
  void killsAPerJobToolThatRunsPastItsTimeout(@TempDir Path bin) throws IOException {
    fakeTool(bin, "bash", "sleep 30");
    try (SyntaxPlugin slow =
        new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofMillis(300))) {

      long start = System.nanoTime();
      PluginResult result = slow.apply(new Artifact("job", Language.BASH, "echo hi"));

      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
      assertThat(result.report().summary()).contains("killed");
      assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aLongLivedCheckerThatOverrunsIsKilledReplacedAndReportedAsTimeout(@TempDir Path bin)
      throws Exception {
    // Ready at once, then never answers.
    fakeTool(
        bin,
        "python3",
        "echo '{\"ready\": true, \"tool\": \"python3\", \"version\": \"fake\"}'\n"
            + "while read line; do sleep 30; done");
    try (SyntaxPlugin stuck =
        new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofMillis(500))) {
      stuck.start();
      long before = stuck.startedPool("python3").orElseThrow().idlePids().get(0);

      PluginResult result = stuck.apply(new Artifact("job", Language.PYTHON, "x = 1"));

      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
      assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TIMEOUT);
      assertThat(result.report().summary()).isEqualTo("python3 exceeded PT0.5S; killed");
      CheckerPool pool = stuck.startedPool("python3").orElseThrow();
      assertThat(pool.restarts()).isEqualTo(1);
      assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void aCheckerThatBreaksIsAnErrorAndAMissingCheckNotAFailure(@TempDir Path bin)
      throws IOException {
    fakeTool(
        bin,
        "node",
        "echo '{\"ready\": true, \"tool\": \"node\", \"version\": \"fake\"}'\n"
            + "read line; echo 'segmentation fault' >&2; exit 3");
    try (SyntaxPlugin broken =
        new SyntaxPlugin(new ToolLocator(bin.toString()), Duration.ofSeconds(5))) {

      PluginResult result = broken.apply(new Artifact("job", Language.JAVASCRIPT, "1"));

      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.ERROR);
      assertThat(result.report().summary()).contains("died");
      assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.ERROR);
    }
  }

  @Test
  void describesEveryLanguageAtStart() {
    Map<Language, String> found = PLUGIN.start();

    assertThat(found).containsOnlyKeys(Language.values());
    assertThat(found.get(Language.KOTLIN)).isEqualTo("missing (no checker for kotlin)");
    if (ToolLocator.fromEnvironment().find("python3").isPresent()) {
      assertThat(found.get(Language.PYTHON)).startsWith("python3 3.").contains("long-lived");
    }
  }

  private static void fakeTool(Path bin, String name, String body) throws IOException {
    Path tool = bin.resolve(name);
    Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
