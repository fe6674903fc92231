package dev.codegen.plugin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.codegen.model.Diagnostic;
import org.junit.jupiter.api.Test;

/** The runners' output as they print it, parsed without running anything. */
class TestOutputTests {

  @Test
  void rustCompileErrorsAreTheProblemsOfAnUnfinishedRun() {
    String output =
        """
        error[E0425]: cannot find value `x` in this scope
         --> snippet.rs:1:17
          |
        1 | fn f() -> i32 { x }
          |                 ^ not found in this scope

        error: aborting due to previous error
        """;

    TestResults results = TestOutput.rust(output);

    assertThat(results.finished()).isFalse();
    assertThat(results.problems())
        .extracting(Diagnostic::line, Diagnostic::code, Diagnostic::message)
        .containsExactly(tuple(1L, "test_compile_error", "cannot find value `x` in this scope"));
  }

  @Test
  void goBuildFailuresAreTheProblemsOfAnUnfinishedRun() {
    String output =
        "# snippet [snippet.test]\n./snippet_test.go:3:28: undefined: y\n"
            + "FAIL\tsnippet [build failed]\nFAIL\n";

    TestResults results = TestOutput.go(output);

    assertThat(results.finished()).isFalse();
    assertThat(results.problems())
        .extracting(Diagnostic::line, Diagnostic::message)
        .containsExactly(tuple(3L, "undefined: y"));
  }

  @Test
  void nodeMultiLineErrorsKeepTheirFirstLine() {
    String output =
        """
        TAP version 13
        # Subtest: compares
        not ok 1 - compares
          ---
          duration_ms: 1.2
          location: '/work/snippet.test.cjs:3:1'
          failureType: 'testCodeFailure'
          error: |-
            Expected values to be strictly equal:

            1 !== 2
          code: 'ERR_ASSERTION'
          ...
        1..1
        # tests 1
        # pass 0
        # fail 1
        # cancelled 0
        # skipped 0
        # todo 0
        """;

    TestResults results = TestOutput.node(output);

    assertThat(results.counts()).isEqualTo("0 passed, 1 failed");
    assertThat(results.problems())
        .extracting(Diagnostic::line, Diagnostic::message)
        .containsExactly(tuple(3L, "compares: Expected values to be strictly equal:"));
  }

  @Test
  void withoutItsSummaryAPythonRunIsUnfinished() {
    TestResults results = TestOutput.python("Traceback (most recent call last):\nKilled\n");

    assertThat(results.finished()).isFalse();
    assertThat(results.allPassed()).isFalse();
  }
}
