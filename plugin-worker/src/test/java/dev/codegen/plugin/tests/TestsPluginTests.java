package dev.codegen.plugin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import org.junit.jupiter.api.Test;

/**
 * The answer's tests run in the sandbox and are reported: counts in the summary, one diagnostic per
 * failing test, the output last. The cases that run code skip only where bwrap (or the language's
 * tool inside the sandbox) is not installed.
 */
class TestsPluginTests {

  private static final TestsPlugin PLUGIN = new TestsPlugin(SandboxSettings.defaults());

  static final String PYTHON_PASSING =
      """
      import unittest

      def add(a, b):
          return a + b

      class AddTests(unittest.TestCase):
          def test_adds(self):
              self.assertEqual(add(1, 2), 3)

          def test_adds_negatives(self):
              self.assertEqual(add(-1, -2), -3)

      def test_plain_function():
          assert add(2, 2) == 4

      if __name__ == "__main__":
          unittest.main()
      """;

  static final String PYTHON_FAILING =
      """
      import unittest

      def add(a, b):
          return a - b

      class AddTests(unittest.TestCase):
          def test_zero(self):
              self.assertEqual(add(0, 0), 0)

          def test_adds(self):
              self.assertEqual(add(1, 2), 3)

          def test_raises(self):
              raise KeyError("missing")
      """;

  private static PluginResult run(Language language, String code) {
    return PLUGIN.apply(new Artifact("job-1", language, code));
  }

  private static void needsSandbox(String tool) {
    Sandbox sandbox = new Sandbox(SandboxSettings.defaults());
    assumeTrue(sandbox.bwrap().isPresent(), "bwrap is not installed");
    assumeTrue(sandbox.tool(tool).isPresent(), tool + " is not installed in the sandbox");
  }

  @Test
  void passingPythonTestsAreCountedAndTheirOutputReported() {
    needsSandbox("python3");

    PluginResult result = run(Language.PYTHON, PYTHON_PASSING);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().summary()).startsWith("python unittest: 3 passed (");
    assertThat(result.missing()).isNull();
    assertThat(result.report().diagnostics())
        .singleElement()
        .satisfies(
            output -> {
              assertThat(output.code()).isEqualTo("test_output");
              assertThat(output.severity()).isEqualTo("info");
              assertThat(output.message()).contains("test_adds", "Ran 3 tests", "OK");
            });
  }

  @Test
  void failingPythonTestsFailTheStageNamingEachTest() {
    needsSandbox("python3");

    PluginResult result = run(Language.PYTHON, PYTHON_FAILING);

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary())
        .startsWith("python unittest: 1 passed, 1 failed, 1 error");
    assertThat(result.report().diagnostics())
        .extracting(Diagnostic::line, Diagnostic::code, Diagnostic::message)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple(
                11L, "test_failed", "snippet.AddTests.test_adds: AssertionError: -1 != 3"),
            org.assertj.core.groups.Tuple.tuple(
                14L, "test_error", "snippet.AddTests.test_raises: KeyError: 'missing'"));
    assertThat(result.report().diagnostics().get(2).message())
        .contains("FAILED (failures=1, errors=1)");
  }

  @Test
  void pytestRunsCodeThatNeedsItWhereItIsInstalled() {
    needsSandbox("python3");
    Sandbox sandbox = new Sandbox(SandboxSettings.defaults());
    assumeTrue(
        sandbox.run("probe.py", "", java.util.List.of("python3", "-c", "import pytest")).exitCode()
            == 0,
        "pytest is not installed in the sandbox (Debian python3-pytest)");
    String code =
        """
        import pytest

        def add(a, b):
            return a + b

        @pytest.fixture
        def two():
            return 2

        def test_adds(two):
            assert add(two, 1) == 3

        def test_wrong(two):
            assert add(two, 2) == 5

        def test_writes(tmp_path):
            (tmp_path / "out.txt").write_text("x")

        @pytest.mark.parametrize("a", [1, 2])
        def test_positive(a):
            assert add(a, 0) > 0
        """;

    PluginResult result = run(Language.PYTHON, code);

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary()).startsWith("python pytest: 4 passed, 1 failed (");
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::code, Diagnostic::message)
        .containsExactly(14L, "test_failed", "snippet.py::test_wrong: assert 4 == 5");
  }

  @Test
  void codeThatDoesNotImportFailsTheStage() {
    needsSandbox("python3");

    PluginResult result =
        run(Language.PYTHON, "def test_x():\n    pass\n\nraise RuntimeError('boom')\n");

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary())
        .startsWith("python unittest: tests did not run to the end, exit 3");
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::code, Diagnostic::message)
        .containsExactly(4L, "test_import_error", "RuntimeError: boom");
  }

  @Test
  void aModuleTheSandboxLacksSkipsWithTheChecksIncomplete() {
    needsSandbox("python3");

    PluginResult result =
        run(Language.PYTHON, "import no_such_module_here\n\ndef test_x():\n    pass\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TOOL_MISSING);
    assertThat(result.missing().detail()).contains("no_such_module_here");
  }

  @Test
  void nodeTestsRunWithNodesTestRunner() {
    needsSandbox("node");
    String code =
        """
        const test = require('node:test');
        const assert = require('node:assert');
        test('adds', () => { assert.strictEqual(1 + 1, 2); });
        test('subtracts', () => {
          assert.strictEqual(2 - 1, 3);
        });
        """;

    PluginResult result = run(Language.JAVASCRIPT, code);

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary()).startsWith("node --test: 1 passed, 1 failed (");
    assertThat(result.report().diagnostics().get(0).message()).startsWith("subtracts");
    assertThat(result.report().diagnostics().get(0).line()).isEqualTo(4);
  }

  @Test
  void rustTestsAreCompiledAndRunInTheSandbox() {
    needsSandbox("rustc");
    String code =
        """
        pub fn add(a: i32, b: i32) -> i32 { a + b }

        #[cfg(test)]
        mod tests {
            use super::*;
            #[test]
            fn adds() { assert_eq!(add(1, 2), 3); }
            #[test]
            fn wrong() { assert_eq!(add(1, 2), 4); }
        }
        """;

    PluginResult result = run(Language.RUST, code);

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary()).startsWith("rustc --test: 1 passed, 1 failed (");
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::message)
        .satisfies(
            values -> {
              assertThat(values.get(0)).isEqualTo(9L);
              assertThat((String) values.get(1)).startsWith("tests::wrong: panicked at");
            });
  }

  @Test
  void goTestsRunWithGoTest() {
    needsSandbox("go");
    String code =
        """
        package adder

        import "testing"

        func Add(a, b int) int { return a + b }

        func TestAdds(t *testing.T) {
        	if Add(1, 2) != 3 {
        		t.Fatal("1 + 2")
        	}
        }

        func TestWrong(t *testing.T) {
        	if got := Add(1, 2); got != 4 {
        		t.Errorf("Add(1, 2) = %d, want 4", got)
        	}
        }
        """;

    PluginResult result = run(Language.GO, code);

    assertThat(result.failed()).isTrue();
    assertThat(result.report().summary()).startsWith("go test: 1 passed, 1 failed (");
    assertThat(result.report().diagnostics().get(0))
        .extracting(Diagnostic::line, Diagnostic::message)
        .containsExactly(15L, "TestWrong: Add(1, 2) = 3, want 4");
  }

  @Test
  void testsThatNeverEndAreKilledAtTheWallTimeAndLeaveTheCheckMissing() {
    needsSandbox("python3");
    TestsPlugin plugin =
        new TestsPlugin(SandboxSettings.defaults().withWallTime(java.time.Duration.ofSeconds(1)));
    String code =
        "def test_hangs():\n    print('started', flush=True)\n    while True:\n        pass\n";

    PluginResult result = plugin.apply(new Artifact("job-1", Language.PYTHON, code));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(result.report().summary())
        .isEqualTo(
            "python unittest: killed at the 1000 ms wall time, with every process of the sandbox");
    assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TIMEOUT);
    assertThat(result.report().diagnostics())
        .singleElement()
        .satisfies(output -> assertThat(output.message()).contains("started"));
  }

  @Test
  void anAnswerWithoutTestsIsSkippedWithTheChecksComplete() {
    PluginResult result = run(Language.PYTHON, "def add(a, b):\n    return a + b\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary()).isEqualTo("no tests in the python answer");
    assertThat(result.missing()).isNull();
  }

  @Test
  void withoutBubblewrapTheTestsAreSkippedWithTheReason() {
    TestsPlugin plugin =
        new TestsPlugin(SandboxSettings.defaults().withBwrap("/nonexistent/bin/bwrap"));

    PluginResult result = plugin.apply(new Artifact("job-1", Language.PYTHON, PYTHON_PASSING));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary())
        .isEqualTo(
            "tests not run: bubblewrap is not installed (/nonexistent/bin/bwrap not found;"
                + " bin/setup-checkers installs it)");
    assertThat(result.missing().reason()).isEqualTo(MissingCheck.Reason.TOOL_MISSING);
    assertThat(plugin.describe()).startsWith("no sandbox, tests are not run: bubblewrap is not");
  }
}
