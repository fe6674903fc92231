package dev.codegen.plugin.javaformat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import org.junit.jupiter.api.Test;

class JavaFormatPluginTests {

  private final JavaFormatPlugin plugin = new JavaFormatPlugin();

  @Test
  void reformatsJavaAndDropsUnusedImports() {
    String code = "import java.util.List;\nclass A{int f( ){return 1;}}\n";

    PluginResult result = plugin.apply(new Artifact("job", Language.JAVA, code));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).contains("reformatted");
    assertThat(result.code()).isEqualTo("class A {\n  int f() {\n    return 1;\n  }\n}\n");
  }

  @Test
  void saysSoWhenJavaIsAlreadyFormatted() {
    String code = "class A {}\n";

    PluginResult result = plugin.apply(new Artifact("job", Language.JAVA, code));

    assertThat(result.code()).isEqualTo(code);
    assertThat(result.report().summary()).contains("already");
  }

  @Test
  void skipsCodeThatDoesNotParseButReportsWhereWithJavacColumns() {
    String code = "class A {\n  void f() {\n    int x = ;\n  }\n}\n";

    PluginResult result = plugin.apply(new Artifact("job", Language.JAVA, code));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.code()).isEqualTo(code);
    Diagnostic first = result.report().diagnostics().get(0);
    assertThat(first.line()).isEqualTo(3);
    // javac reports "illegal start of expression" at the ';', 1-based column 13.
    assertThat(first.column()).isEqualTo(13);
    assertThat(first.code()).isEqualTo("format.parse");
  }

  @Test
  void skipsOtherLanguages() {
    PluginResult result = plugin.apply(new Artifact("job", Language.PYTHON, "x=1"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.code()).isEqualTo("x=1");
  }

  @Test
  void seesTheJvmFlagsTheTestsStartWith() {
    assertThat(JavaFormatPlugin.jvmFlagsPresent()).isTrue();
    assertThat(JavaFormatPlugin.REQUIRED_JVM_FLAGS)
        .hasSize(6)
        .contains("--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED");
  }
}
