package dev.codegen.plugin.javac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JavacPluginTests {

  private final JavacPlugin plugin = new JavacPlugin();

  private PluginResult compile(String code) {
    return plugin.apply(new Artifact("job", Language.JAVA, code));
  }

  @Test
  void passesCodeThatCompilesWithThePublicClassInItsOwnFileName() {
    String code =
        """
        package demo.app;

        import java.util.List;

        public class Greeter {
          public static void main(String[] args) {
            System.out.println(List.of("hi"));
          }
        }
        """;

    PluginResult result = compile(code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).contains("Greeter.java");
    assertThat(result.report().diagnostics()).isEmpty();
    assertThat(result.code()).isEqualTo(code);
  }

  @Test
  void passesRecordsAndJdkModulesLikeTheHttpServer() {
    String code =
        """
        import com.sun.net.httpserver.HttpServer;
        import java.net.InetSocketAddress;

        public record Ping(int port) {
          HttpServer server() throws java.io.IOException {
            return HttpServer.create(new InetSocketAddress(port), 0);
          }
        }
        """;

    assertThat(compile(code).report().verdict()).isEqualTo(PluginVerdict.PASSED);
  }

  @Test
  void failsWithLineColumnCodeAndMessageForEachError() {
    String code =
        """
        public class Broken {
          int f() {
            return missing;
          }

          String g() {
            return 42;
          }
        }
        """;

    PluginResult result = compile(code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(result.report().summary()).contains("2 error(s)");
    assertThat(result.report().diagnostics())
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::severity, Diagnostic::code)
        .containsExactly(
            tuple(3L, 12L, "error", "compiler.err.cant.resolve.location"),
            tuple(7L, 12L, "error", "compiler.err.prob.found.req"));
    assertThat(result.report().diagnostics().get(0).message()).contains("missing");
  }

  @Test
  void failsOnSyntaxErrors() {
    PluginResult result = compile("class A {\n  void f() {\n    int x = ;\n  }\n}\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::column)
        .containsExactly(3L, 13L);
  }

  @Test
  void seesOnlyTheJdkNotTheWorkersOwnClassPath() {
    String code =
        "import org.springframework.context.ApplicationContext;\n"
            + "public class UsesSpring { ApplicationContext c; }\n";

    PluginResult result = compile(code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(result.report().diagnostics().get(0).code()).isEqualTo("compiler.err.doesnt.exist");
  }

  @Test
  void neverWritesClassFilesToDisk() throws IOException {
    compile("public class NoDiskTrace {}\n");

    try (Stream<Path> files = Files.walk(Path.of("."))) {
      assertThat(files.filter(p -> p.endsWith("NoDiskTrace.class"))).isEmpty();
    }
  }

  @Test
  void boundsTheNumberOfDiagnostics() {
    StringBuilder code = new StringBuilder("public class Many {\n");
    for (int i = 0; i < 80; i++) {
      code.append("  int f").append(i).append("() { return x").append(i).append("; }\n");
    }
    code.append("}\n");

    assertThat(compile(code.toString()).report().diagnostics())
        .hasSize(JavacPlugin.MAX_DIAGNOSTICS);
  }

  @Test
  void skipsOtherLanguages() {
    PluginResult result = plugin.apply(new Artifact("job", Language.PYTHON, "print(1)"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
  }

  @Test
  void reportsLintWarningsAtTheirLineAndStillPasses() {
    String code =
        """
        import java.util.ArrayList;
        import java.util.List;

        public class Lints {
          public int f(int x) {
            List raw = new ArrayList();
            switch (x) {
              case 1:
                x++;
              case 2:
                return x;
              default:
                return raw.size();
            }
          }
        }
        """;

    PluginResult result = compile(code);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).endsWith("lint warning(s)");
    assertThat(result.report().diagnostics())
        .extracting(Diagnostic::line, Diagnostic::severity, Diagnostic::code)
        .contains(
            tuple(6L, "warning", "compiler.warn.raw.class.use"),
            tuple(10L, "warning", "compiler.warn.possible.fall-through.into.case"));
  }

  @Test
  void namesTheInMemoryCompilerAndItsLintForJavaOnly() {
    assertThat(plugin.tools(Language.JAVA))
        .extracting(t -> t.role() + " " + t.tool())
        .containsExactly("check javac", "lint javac -Xlint");
    assertThat(plugin.tools(Language.PYTHON)).isEmpty();
    assertThat(new JavacPlugin(null).tools(Language.JAVA))
        .singleElement()
        .matches(t -> t.isMissing());
  }

  @Test
  void skipsWhenTheJvmHasNoCompiler() {
    PluginResult result =
        new JavacPlugin(null).apply(new Artifact("job", Language.JAVA, "class A {}"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary()).contains("no system Java compiler");
  }
}
