package dev.codegen.worker.generation.gate.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A rule with {@code requires} applies only to code that holds one of its literals. */
class CodeRuleRequiresTests {

  private static final String RULES =
      """
      [{"id": "go.test.weak_random", "cwe": "CWE-338", "severity": "low", "languages": ["go"],
        "requires": ["\\"math/rand"], "pattern": "\\\\brand\\\\.Intn\\\\(",
        "message": "m", "fix": "f"},
       {"id": "go.test.always", "cwe": "CWE-1", "severity": "low", "languages": ["go"],
        "pattern": "\\\\bpanic\\\\(", "message": "m", "fix": "f"}]
      """;

  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner(
          "g",
          CodeRules.of(CodeRules.parse("t.json", JsonMapper.builder().build().readTree(RULES))));

  @Test
  void appliesWhenTheCodeHoldsARequiredLiteral() {
    List<Finding> findings =
        scanner.scan("import \"math/rand\"\nx := rand.Intn(10)\npanic(x)", Language.GO);
    assertThat(findings)
        .extracting(Finding::rule)
        .contains("go.test.weak_random", "go.test.always");
  }

  @Test
  void doesNotApplyOtherwise() {
    List<Finding> findings =
        scanner.scan("import \"crypto/rand\"\nx := rand.Intn(10)\npanic(x)", Language.GO);
    assertThat(findings).extracting(Finding::rule).containsExactly("go.test.always");
  }
}
