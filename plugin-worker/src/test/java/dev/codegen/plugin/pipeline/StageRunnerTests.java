package dev.codegen.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageRunnerTests {

  private final StageRunner runner = new StageRunner(Duration.ofMillis(300));
  private final Artifact artifact = new Artifact("job", Language.JAVA, "class A {}");

  @AfterEach
  void close() {
    runner.close();
  }

  static Plugin plugin(String name, Function<Artifact, PluginResult> body) {
    return new Plugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PluginResult apply(Artifact artifact) {
        return body.apply(artifact);
      }
    };
  }

  @Test
  void returnsThePluginsResultStampedWithItsNameAndDuration() {
    Plugin upper =
        plugin(
            "upper",
            a -> PluginResult.changed(a.code().toUpperCase(), "other", PluginVerdict.PASSED, "ok"));

    PluginResult result = runner.run(upper, artifact);

    assertThat(result.code()).isEqualTo("CLASS A {}");
    assertThat(result.report().plugin()).isEqualTo("upper");
    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().durationMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void turnsAThrowingPluginIntoAnErrorReportKeepingTheCode() {
    Plugin throwing =
        plugin(
            "boom",
            a -> {
              throw new IllegalStateException("disk on fire");
            });

    PluginResult result = runner.run(throwing, artifact);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.ERROR);
    assertThat(result.report().summary())
        .isEqualTo("plugin failed: IllegalStateException: disk on fire");
    assertThat(result.code()).isEqualTo("class A {}");
  }

  @Test
  void turnsABlockingPluginIntoATimeoutReportWithinTheLimit() {
    CountDownLatch never = new CountDownLatch(1);
    Plugin blocking =
        plugin(
            "slow",
            a -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return PluginResult.changed("late", "slow", PluginVerdict.PASSED, "too late");
            });

    long start = System.nanoTime();
    PluginResult result = runner.run(blocking, artifact);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(result.code()).isEqualTo("class A {}");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.report().durationMillis()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void turnsAMissingResultIntoAnErrorReport() {
    PluginResult result = runner.run(plugin("null", a -> null), artifact);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.ERROR);
    assertThat(result.report().summary()).contains("no result");
  }

  @Test
  void reportsAnErrorWhenTheWaitingThreadIsInterrupted() {
    CountDownLatch never = new CountDownLatch(1);
    Plugin blocking =
        plugin(
            "waits",
            a -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return PluginResult.unchanged(a, "waits", PluginVerdict.PASSED, "", List.of());
            });

    Thread.currentThread().interrupt();
    PluginResult result = runner.run(blocking, artifact);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.ERROR);
  }
}
