package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every formatter with the real tool: badly formatted code becomes the formatter's output, code it
 * cannot parse is passed on unchanged with the reason. A test whose tool is not installed is
 * skipped (bin/setup-checkers installs them), never passed.
 */
class SourceFormatPluginTests {

  private static final CheckerPools POOLS = CheckerPools.onPath(1);
  private static final SourceFormatPlugin PLUGIN =
      new SourceFormatPlugin(POOLS, Duration.ofSeconds(20), false);

  @AfterAll
  static void stopCheckers() {
    POOLS.close();
  }

  private static PluginResult format(Language language, String code) {
    return PLUGIN.apply(new Artifact("job", language, code));
  }

  private static void assumeFormatter(Language language) {
    ToolStatus status = PLUGIN.tools(language).get(0);
    assumeTrue(!status.isMissing(), status.toString());
  }

  private static void assertFormats(Language language, String code, String expected) {
    assumeFormatter(language);

    PluginResult result = format(language, code);

    assertThat(result.report().verdict())
        .as(result.report().summary())
        .isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).startsWith("reformatted with ");
    assertThat(result.code()).isEqualTo(expected);
    assertThat(result.missing()).isNull();
    PluginResult again = format(language, expected);
    assertThat(again.code()).isEqualTo(expected);
    assertThat(again.report().summary()).startsWith("already ").endsWith(" clean");
  }

  private static void assertLeavesBrokenCodeAlone(Language language, String code, String why) {
    assumeFormatter(language);

    PluginResult result = format(language, code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.code()).isEqualTo(code);
    assertThat(result.report().summary()).startsWith("not formatted: ").contains(why);
    assertThat(result.missing()).isNull();
  }

  @Test
  void formatsPythonWithBlackInTheLongLivedChecker() {
    assertFormats(
        Language.PYTHON,
        "x = {  'a':37,'b':42,\n}\ndef f(a,b):\n  return a+b\n",
        "x = {\n    \"a\": 37,\n    \"b\": 42,\n}\n\n\ndef f(a, b):\n    return a + b\n");
  }

  @Test
  void leavesPythonBlackCannotParseAsItWas() {
    assertLeavesBrokenCodeAlone(
        Language.PYTHON, "def f(:\n  pass\n", "black cannot parse it: Cannot parse: 1:6");
  }

  @Test
  void formatsJavaScriptAndTypeScriptWithPrettier() {
    assertFormats(Language.JAVASCRIPT, "const a= {b:1,\n c:2}", "const a = { b: 1, c: 2 };\n");
    assertFormats(
        Language.TYPESCRIPT,
        "function f(x:number):number{return x*2}",
        "function f(x: number): number {\n  return x * 2;\n}\n");
  }

  @Test
  void leavesJavaScriptPrettierCannotParseAsItWas() {
    assertLeavesBrokenCodeAlone(
        Language.JAVASCRIPT, "let x = (", "prettier cannot parse it: Unexpected token (1:10)");
  }

  @Test
  void formatsGoWithGofmt() {
    assertFormats(
        Language.GO,
        "package main\nimport \"fmt\"\nfunc main() {\nfmt.Println( \"hi\" )\n}\n",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n");
  }

  @Test
  void leavesGoGofmtCannotParseAsItWas() {
    assertLeavesBrokenCodeAlone(
        Language.GO, "package main\nfunc main() {\n", "gofmt cannot parse it: <standard input>:");
  }

  @Test
  void formatsRustWithRustfmt() {
    assertFormats(
        Language.RUST,
        "fn main(){let x=1;println!(\"{}\",x);}\n",
        "fn main() {\n    let x = 1;\n    println!(\"{}\", x);\n}\n");
  }

  @Test
  void leavesRustRustfmtCannotParseAsItWas() {
    assertLeavesBrokenCodeAlone(
        Language.RUST, "fn main(){let x=;}\n", "rustfmt cannot parse it: error: expected");
  }

  @Test
  void formatsCAndCppWithClangFormatInLlvmStyle() {
    assertFormats(
        Language.C,
        "int main(){int x=1;return x;}\n",
        "int main() {\n  int x = 1;\n  return x;\n}\n");
    assertFormats(
        Language.CPP,
        "#include <vector>\nint f(std::vector<int>&v){return v.size();}\n",
        "#include <vector>\nint f(std::vector<int> &v) { return v.size(); }\n");
  }

  @Test
  void formatsBashWithShfmt() {
    assertFormats(
        Language.BASH,
        "if [ -n \"$1\" ]; then\necho   \"$1\"\nfi\n",
        "if [ -n \"$1\" ]; then\n\techo \"$1\"\nfi\n");
  }

  @Test
  void leavesBashShfmtCannotParseAsItWas() {
    assertLeavesBrokenCodeAlone(Language.BASH, "if then fi\n", "shfmt cannot parse it:");
  }

  @Test
  void skipsLanguagesWithoutAStandardFormatterWithoutAMissingCheck() {
    for (Language language :
        List.of(Language.KOTLIN, Language.CSHARP, Language.PHP, Language.RUBY, Language.SQL)) {
      PluginResult result = format(language, "x");

      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
      assertThat(result.report().summary())
          .isEqualTo("no standard formatter for " + language.wireName());
      assertThat(result.missing()).isNull();
      assertThat(PLUGIN.tools(language)).isEmpty();
    }
  }

  @Test
  void aMissingFormatterLeavesTheCodeAndOnlyWhenRequiredMakesChecksIncomplete(
      @TempDir Path emptyDir) {
    try (CheckerPools none = new CheckerPools(new ToolLocator(emptyDir.toString()), 1)) {
      SourceFormatPlugin optional = new SourceFormatPlugin(none, Duration.ofSeconds(1), false);
      SourceFormatPlugin required = new SourceFormatPlugin(none, Duration.ofSeconds(1), true);
      for (Language language : List.of(Language.PYTHON, Language.GO, Language.BASH)) {
        Artifact artifact = new Artifact("job", language, "x  =  1");

        PluginResult lenient = optional.apply(artifact);
        PluginResult strict = required.apply(artifact);

        assertThat(lenient.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
        assertThat(lenient.code()).isEqualTo("x  =  1");
        assertThat(lenient.report().summary()).startsWith("not formatted: ").contains("not");
        assertThat(lenient.missing()).isNull();
        assertThat(strict.code()).isEqualTo("x  =  1");
        assertThat(strict.missing().reason()).isEqualTo(MissingCheck.Reason.TOOL_MISSING);
        assertThat(strict.missing().plugin()).isEqualTo("format");
        assertThat(optional.tools(language)).singleElement().matches(ToolStatus::isMissing);
      }
    }
  }

  @Test
  void aFormatterThatOverrunsIsKilledAndTheCodeKept(@TempDir Path bin) throws IOException {
    Path gofmt = bin.resolve("gofmt");
    Files.writeString(gofmt, "#!/bin/sh\nsleep 30\n");
    Files.setPosixFilePermissions(gofmt, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (CheckerPools pools = new CheckerPools(new ToolLocator(bin.toString()), 1)) {
      SourceFormatPlugin slow = new SourceFormatPlugin(pools, Duration.ofMillis(300), true);

      PluginResult result = slow.apply(new Artifact("job", Language.GO, "package main\n"));

      assertThat(result.code()).isEqualTo("package main\n");
      assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
      assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TIMEOUT);
      assertThat(result.report().summary()).contains("gofmt exceeded PT0.3S; killed");
    }
  }

  @Test
  void namesEachFormatterWithItsVersionWhenFound() {
    assumeFormatter(Language.PYTHON);

    assertThat(PLUGIN.tools(Language.PYTHON))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.role()).isEqualTo("format");
              assertThat(t.tool()).isEqualTo("black");
              assertThat(t.detail()).startsWith("black ").endsWith("in the python3 checker");
            });
  }
}
