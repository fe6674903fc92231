package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerPoolTests {

  private static List<String> pythonWorker() {
    String python =
        ToolLocator.fromEnvironment().find("python3").map(Object::toString).orElse(null);
    assumeTrue(python != null, "python3 not installed");
    return List.of(python, "-I", "-c", SyntaxPlugin.PYTHON_WORKER);
  }

  @Test
  void aKilledProcessIsReplacedAndTheNextCheckIsAnswered() throws Exception {
    try (CheckerPool pool = CheckerPool.start("python3", pythonWorker(), 1)) {
      long pid = pool.idlePids().get(0);
      ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
      handle.destroyForcibly();
      handle.onExit().get();

      CheckAnswer answer = pool.check("python", "def f(:\n", Duration.ofSeconds(20));

      assertThat(answer.kind()).isEqualTo(CheckAnswer.Kind.CHECKED);
      assertThat(answer.diagnostics()).hasSize(1);
      assertThat(pool.restarts()).isEqualTo(1);
      assertThat(pool.idlePids()).hasSize(1).doesNotContain(pid);
    }
  }

  @Test
  void aProcessGrownPastTheMemoryLimitIsReplacedAfterItsCheck() throws Exception {
    try (CheckerPool pool = CheckerPool.start("python3", pythonWorker(), 1, 1024)) {
      long pid = pool.idlePids().get(0);

      CheckAnswer answer = pool.check("python", "x = 1\n", Duration.ofSeconds(20));

      assertThat(answer.kind()).isEqualTo(CheckAnswer.Kind.CHECKED);
      assertThat(pool.restarts()).isEqualTo(1);
      // Killed, not waited for: the check's caller does not pay for the process's exit.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      // The replacement answers the next check.
      assertThat(pool.check("python", "y = 2\n", Duration.ofSeconds(20)).kind())
          .isEqualTo(CheckAnswer.Kind.CHECKED);
    }
  }

  @Test
  void servesManyChecksFromTheSameProcesses() throws Exception {
    try (CheckerPool pool = CheckerPool.start("python3", pythonWorker(), 2)) {
      for (int i = 0; i < 50; i++) {
        CheckAnswer answer = pool.check("python", "x = " + i + "\n", Duration.ofSeconds(20));
        assertThat(answer.kind()).isEqualTo(CheckAnswer.Kind.CHECKED);
        assertThat(answer.diagnostics()).isEmpty();
      }
      assertThat(pool.restarts()).isZero();
    }
  }

  @Test
  void sourcesWithAnyCharactersTravelIntact() throws Exception {
    try (CheckerPool pool = CheckerPool.start("python3", pythonWorker(), 1)) {
      String tricky = "s = \"quote \\\" tab\\t é ✓ \\u2028\"\nt = '''a\nb'''\n";

      CheckAnswer answer = pool.check("python", tricky, Duration.ofSeconds(20));

      assertThat(answer.kind()).isEqualTo(CheckAnswer.Kind.CHECKED);
      assertThat(answer.diagnostics()).isEmpty();
    }
  }
}
