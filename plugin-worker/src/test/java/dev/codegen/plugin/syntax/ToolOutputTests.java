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
  void parsesNodeErrorsWithTheCaretColumn() {
    String output =
        "/tmp/x/snippet.js:2\n"
            + "foo(;\n"
            + "    ^\n"
            + "\n"
            + "SyntaxError: Unexpected token ';'\n"
            + "    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n";

    assertThat(ToolOutput.node(output))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(tuple(2L, 5L, "Unexpected token ';'"));
  }

  @Test
  void findsNothingInNodeOutputWithoutAnError() {
    assertThat(ToolOutput.node("something odd:12\n")).isEmpty();
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
  void parsesOurPythonWrapperOutput() {
    assertThat(ToolOutput.python("3:1:TabError: inconsistent use of tabs\n"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::code)
        .containsExactly(tuple(3L, 1L, "python.TabError"));
  }
}
