package dev.codegen.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The languages no stage has a checker for yet go through the default chain without an error:
 * extract takes their tagged block, and format, javac and syntax skip them with the reason.
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
    "KOTLIN, kt, fun main() = println(1)",
    "RUST, rs, fn main() {}",
    "C, c, int main(void) { return 0; }",
    "CPP, c++, int main() { return 0; }",
    "CSHARP, c#, class P { static void Main() {} }",
    "PHP, php, <?php echo 1;",
    "RUBY, rb, puts 1",
    "SQL, postgresql, SELECT 1;",
  })
  void endsSucceededWithTheTaggedBlockAndEveryCheckSkipped(
      Language language, String tag, String code) {
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
            tuple("syntax", PluginVerdict.SKIPPED));
    assertThat(finished.reports().get(0).summary()).contains("tagged " + tag);
    assertThat(finished.reports().get(3).summary())
        .isEqualTo("no syntax checker for " + language.wireName());
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
