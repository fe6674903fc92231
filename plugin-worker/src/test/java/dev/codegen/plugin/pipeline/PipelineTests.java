package dev.codegen.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTests {

  private final StageRunner runner = new StageRunner(Duration.ofSeconds(1));
  private final List<Plugin> plugins =
      List.of(named("extract"), named("format"), named("javac"), named("syntax"));

  static Plugin named(String name) {
    return StageRunnerTests.plugin(
        name, a -> PluginResult.unchanged(a, name, PluginVerdict.PASSED, "ok", List.of()));
  }

  @Test
  void chainsStagesThroughTopicsInTheConfiguredOrder() {
    Pipeline pipeline =
        Pipeline.of(List.of("extract", " javac", "syntax"), plugins, runner, Clock.systemUTC());

    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("extract", "javac", "syntax");
    assertThat(pipeline.inputTopics())
        .containsExactly(Topics.GENERATED, "codegen.stage.javac.v1", "codegen.stage.syntax.v1");
    assertThat(pipeline.stages())
        .extracting(Stage::outputTopic)
        .containsExactly("codegen.stage.javac.v1", "codegen.stage.syntax.v1", Topics.OUTCOMES);
    assertThat(pipeline.stages()).extracting(Stage::isLast).containsExactly(false, false, true);
  }

  @Test
  void warmUpRunsASampleJobThroughEveryStageInOrder() {
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Plugin> recording =
        plugins.stream()
            .map(
                p ->
                    StageRunnerTests.plugin(
                        p.name(),
                        a -> {
                          ran.add(p.name());
                          return PluginResult.unchanged(
                              a, p.name(), PluginVerdict.PASSED, "ok", List.of());
                        }))
            .toList();
    Pipeline pipeline =
        Pipeline.of(List.of("extract", "format", "javac"), recording, runner, Clock.systemUTC());

    pipeline.warmUp();

    assertThat(ran).containsExactly("extract", "format", "javac");
  }

  @Test
  void refusesAnUnknownPluginNamingItAndTheKnownOnes() {
    assertThatThrownBy(
            () -> Pipeline.of(List.of("extract", "lint"), plugins, runner, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown plugin 'lint'")
        .hasMessageContaining("CODEGEN_PLUGINS")
        .hasMessageContaining("[extract, format, javac, syntax]");
  }

  @Test
  void refusesAPluginTwiceBecauseTwoStagesCannotShareATopic() {
    assertThatThrownBy(
            () -> Pipeline.of(List.of("javac", "javac"), plugins, runner, Clock.systemUTC()))
        .hasMessageContaining("'javac' appears twice");
  }

  @Test
  void refusesAnEmptyOrder() {
    assertThatThrownBy(() -> Pipeline.of(List.of(" "), plugins, runner, Clock.systemUTC()))
        .hasMessageContaining("No plugins configured");
    assertThatThrownBy(() -> Pipeline.of(null, plugins, runner, Clock.systemUTC()))
        .hasMessageContaining("No plugins configured");
  }
}
