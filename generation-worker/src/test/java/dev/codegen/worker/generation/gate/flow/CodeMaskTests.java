package dev.codegen.worker.generation.gate.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Language;
import org.junit.jupiter.api.Test;

class CodeMaskTests {

  @Test
  void blanksCommentsAndStringContentsButKeepsOffsets() {
    String code = "x = open(name)  # open(request.args['f'])\ns = 'eval(x)'\n";
    String masked = CodeMask.of(code, Language.PYTHON);
    assertThat(masked).hasSameSizeAs(code);
    assertThat(masked)
        .startsWith("x = open(name)  ")
        .doesNotContain("request")
        .doesNotContain("eval");
    assertThat(masked).contains("s = '       '");
    assertThat(masked.indexOf('\n')).isEqualTo(code.indexOf('\n'));
  }

  @Test
  void keepsWhatStringsInterpolate() {
    assertThat(CodeMask.of("q = f\"SELECT {name} FROM t\"", Language.PYTHON))
        .contains("{name}")
        .doesNotContain("SELECT");
    assertThat(CodeMask.of("const q = `SELECT ${req.query.id} FROM t`;", Language.JAVASCRIPT))
        .contains("${req.query.id}")
        .doesNotContain("SELECT");
    assertThat(CodeMask.of("var q = $\"SELECT {id} FROM t\";", Language.CSHARP))
        .contains("{id}")
        .doesNotContain("SELECT");
  }

  @Test
  void plainStringsDoNotInterpolate() {
    assertThat(CodeMask.of("q = \"SELECT {name}\"", Language.PYTHON)).doesNotContain("name");
    assertThat(CodeMask.of("q = 'a ${b}'", Language.JAVASCRIPT)).doesNotContain("b");
  }

  @Test
  void blanksDocstringsBlockCommentsAndEscapedQuotes() {
    String python = "def f():\n    \"\"\"Runs os.system(cmd)\n    for you\"\"\"\n    return 1\n";
    assertThat(CodeMask.of(python, Language.PYTHON)).doesNotContain("system").contains("return 1");
    String c = "/* system(argv[1]) */ char *s = \"a\\\"b system(x)\"; int y;";
    assertThat(CodeMask.of(c, Language.C)).doesNotContain("system").contains("int y;");
  }

  @Test
  void rustLifetimesAreNotCharacterLiterals() {
    String rust = "fn f<'a>(s: &'a str) -> &'a str { Command::new(s) }";
    assertThat(CodeMask.of(rust, Language.RUST)).contains("Command::new(s)");
    assertThat(CodeMask.of("let c = 'x'; run(c)", Language.RUST)).contains("run(c)");
  }

  @Test
  void goRawStringsAndCSharpVerbatimStrings() {
    assertThat(CodeMask.of("q := `SELECT \\` + id", Language.GO)).contains("` + id");
    assertThat(CodeMask.of("var p = @\"C:\\dir\\\"; Run(p);", Language.CSHARP)).contains("Run(p);");
  }
}
