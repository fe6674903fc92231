package dev.codegen.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.codegen.model.CheckStatus;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.extract.ExtractPlugin;
import dev.codegen.plugin.javac.JavacPlugin;
import dev.codegen.plugin.javaformat.JavaFormatPlugin;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.Stage;
import dev.codegen.plugin.pipeline.StageOutcome;
import dev.codegen.plugin.pipeline.StageRunner;
import dev.codegen.plugin.syntax.SyntaxPlugin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The languages beyond the first four go through the default chain: extract takes their tagged
 * block, format and javac skip them, and syntax checks them with their compiler or parser when it
 * is installed. Where it is not (or none exists, Kotlin and SQL), the job still succeeds, but its
 * checks say {@code incomplete}: it was not checked.
 */
class NewLanguagesThroughTheChainTests {

  private final Pipeline pipeline =
      Pipeline.of(
          List.of("extract", "format", "javac", "syntax"),
          List.of(
              new ExtractPlugin(),
              new JavaFormatPlugin(),
              new JavacPlugin(),
              new SyntaxPlugin(Duration.ofSeconds(10))),
          new StageRunner(Duration.ofSeconds(30)),
          Clock.systemUTC());

  @ParameterizedTest
  @CsvSource({
    "KOTLIN, kt, -, fun main() = println(1)",
    "RUST, rs, rustc, fn main() {}",
    "C, c, gcc, int main(void) { return 0; }",
    "CPP, c++, g++, int main() { return 0; }",
    "CSHARP, c#, mcs, class P { static void Main() {} }",
    "PHP, php, php, <?php echo 1;",
    "RUBY, rb, ruby, puts 1",
    "SQL, postgresql, -, SELECT 1;",
  })
  void endsSucceededWithTheTaggedBlockCheckedWhereAToolIsInstalled(
      Language language, String tag, String tool, String code) {
    // The install block is larger: only the tag makes extract pick the code.
    String answer =
        "First:\n```bash\necho install a long list of packages before you start, then\n```\n"
            + "Then:\n```"
            + tag
            + "\n"
            + code
            + "\n```\n";

    JobFinished finished = run(Fixtures.generated(language, answer));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.code()).isEqualTo(code + "\n");
    assertThat(finished.reports())
        .extracting(PluginReport::plugin, PluginReport::verdict)
        .containsExactly(
            tuple("extract", PluginVerdict.PASSED),
            tuple("format", PluginVerdict.SKIPPED),
            tuple("javac", PluginVerdict.SKIPPED),
            tuple("syntax", installed(tool) ? PluginVerdict.PASSED : PluginVerdict.SKIPPED));
    assertThat(finished.reports().get(0).summary()).contains("tagged " + tag);
    if (installed(tool)) {
      assertThat(finished.checks().status()).isEqualTo(CheckStatus.COMPLETE);
    } else {
      assertThat(finished.checks().status()).isEqualTo(CheckStatus.INCOMPLETE);
      assertThat(finished.checks().missing())
          .extracting(MissingCheck::plugin)
          .containsExactly("syntax");
      assertThat(finished.reports().get(3).summary())
          .isEqualTo(
              tool.equals("-")
                  ? "no syntax checker for " + language.wireName()
                  : tool + " is not installed (not on PATH)");
    }
  }

  private static boolean installed(String tool) {
    return !tool.equals("-")
        && Stream.of(System.getenv("PATH").split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private JobFinished run(CodeGenerated job) {
    CodeGenerated current = job;
    for (Stage stage : pipeline.stages()) {
      StageOutcome outcome = stage.process(current);
      if (outcome instanceof StageOutcome.Finish finish) {
        return finish.finished();
      }
      current = ((StageOutcome.Forward) outcome).artifact();
    }
    throw new AssertionError("no stage finished the job");
  }
}
