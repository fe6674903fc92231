package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.codegen.model.Diagnostic;
import org.junit.jupiter.api.Test;

/** Recorded outputs, so the parsers are tested even where a tool is not installed. */
class ToolOutputTests {

  @Test
  void parsesGofmtErrors() {
    String output =
        "/tmp/codegen-syntax-1/snippet.go:4:1: expected operand, found '}'\n"
            + "/tmp/codegen-syntax-1/snippet.go:4:3: expected ';', found 'EOF'\n";

    assertThat(ToolOutput.go(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(4L, 1L, "expected operand, found '}'"),
            tuple(4L, 3L, "expected ';', found 'EOF'"));
  }

  @Test
  void parsesBashErrorsAndSkipsTheQuotedLine() {
    String output =
        "/tmp/x/snippet.sh: line 3: syntax error near unexpected token `fi'\n"
            + "/tmp/x/snippet.sh: line 3: `fi fi'\n";

    assertThat(ToolOutput.bash(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::code)
        .containsExactly(tuple(3L, 0L, "bash.syntax"));
  }

  @Test
  void parsesGccErrorsAndWarningsWithoutNotes() {
    String output =
        "snippet.c: In function 'main':\n"
            + "snippet.c:3:3: error: expected ',' or ';' before 'return'\n"
            + "    3 |   return 0;\n"
            + "      |   ^~~~~~\n"
            + "snippet.c:2:7: warning: unused variable 'x' [-Wunused-variable]\n"
            + "snippet.c:2:7: note: declared here\n";

    assertThat(ToolOutput.gcc(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::severity)
        .containsExactly(tuple(3L, 3L, "error"), tuple(2L, 7L, "warning"));
  }

  @Test
  void parsesPhpLintOnceThoughPrintedTwice() {
    String output =
        "PHP Parse error:  syntax error, unexpected token \"}\" in /tmp/x/snippet.php on line 4\n"
            + "\n"
            + "Parse error: syntax error, unexpected token \"}\" in /tmp/x/snippet.php on line 4\n"
            + "Errors parsing /tmp/x/snippet.php\n";

    assertThat(ToolOutput.php(output))
        .extracting(Diagnostic::line, Diagnostic::code, Diagnostic::message)
        .containsExactly(tuple(4L, "php.parse", "syntax error, unexpected token \"}\""));
  }

  @Test
  void parsesRubyErrorsAndWarnings() {
    String output =
        "snippet.rb:2: warning: assigned but unused variable - x\n"
            + "snippet.rb:4: syntax error, unexpected `end', expecting end-of-input\n";

    assertThat(ToolOutput.ruby(output))
        .extracting(Diagnostic::line, Diagnostic::severity)
        .containsExactly(tuple(2L, "warning"), tuple(4L, "error"));
  }

  @Test
  void parsesRustcShortFormatAndSkipsTheSummary() {
    String output =
        "snippet.rs:2:14: error: expected `;`, found `x`: help: add `;` here\n"
            + "snippet.rs:5:9: error[E0425]: cannot find value `y` in this scope\n"
            + "error: aborting due to 2 previous errors\n";

    assertThat(ToolOutput.rustc(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::code)
        .containsExactly(tuple(2L, 14L, "rustc.error"), tuple(5L, 9L, "rustc.E0425"));
  }

  @Test
  void parsesMcsErrorsAndWarnings() {
    String output =
        "snippet.cs(4,2): error CS1525: Unexpected symbol `}', expecting `,' or `;'\n"
            + "snippet.cs(3,9): warning CS0168: The variable `x' is declared but never used\n"
            + "Compilation failed: 1 error(s), 1 warnings\n";

    assertThat(ToolOutput.mcs(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::severity, Diagnostic::code)
        .containsExactly(
            tuple(4L, 2L, "error", "mcs.CS1525"), tuple(3L, 9L, "warning", "mcs.CS0168"));
  }
}
