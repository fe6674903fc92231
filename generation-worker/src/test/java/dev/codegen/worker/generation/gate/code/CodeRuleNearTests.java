package dev.codegen.worker.generation.gate.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code near} and {@code unless_near} make the same call a finding or not by what stands within
 * {@code near_lines} lines of it; a rule file without them reads as before.
 */
class CodeRuleNearTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String RULES =
      """
      [{"id": "js.test.random_security", "cwe": "CWE-338", "severity": "medium",
        "languages": ["javascript"], "pattern": "Math\\\\.random\\\\(",
        "near": "(?i)token|password|secret", "near_lines": 1, "message": "m", "fix": "f"},
       {"id": "js.test.random_other", "cwe": "CWE-338", "severity": "low",
        "languages": ["javascript"], "pattern": "Math\\\\.random\\\\(",
        "unless_near": "(?i)token|password|secret", "near_lines": 1, "message": "m", "fix": "f"},
       {"id": "js.test.plain", "cwe": "CWE-1", "severity": "low", "languages": ["javascript"],
        "pattern": "\\\\beval\\\\(", "message": "m", "fix": "f"}]
      """;

  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner("g", CodeRules.of(CodeRules.parse("t.json", JSON.readTree(RULES))));

  @Test
  void aSecurityWordNearTheCallMakesItTheMediumFinding() {
    List<Finding> findings =
        scanner.scan(
            "function makeToken() {\n  return Math.random().toString(36);\n}", Language.JAVASCRIPT);
    assertThat(findings).extracting(Finding::rule).containsExactly("js.test.random_security");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(findings.get(0).line()).isEqualTo(2);
  }

  @Test
  void withoutOneTheCallIsTheLowFinding() {
    List<Finding> findings =
        scanner.scan("const x = Math.random() * width;\ndraw(x);", Language.JAVASCRIPT);
    assertThat(findings).extracting(Finding::rule).containsExactly("js.test.random_other");
  }

  @Test
  void aWordOutsideTheWindowDoesNotCount() {
    List<Finding> findings =
        scanner.scan(
            "// token handling lives elsewhere\n\n\nconst x = Math.random();", Language.JAVASCRIPT);
    assertThat(findings).extracting(Finding::rule).containsExactly("js.test.random_other");
  }

  @Test
  void theWindowIsClippedAtTheEdgesOfTheCode() {
    assertThat(scanner.scan("Math.random()", Language.JAVASCRIPT))
        .extracting(Finding::rule)
        .containsExactly("js.test.random_other");
    assertThat(scanner.scan("let password = Math.random()", Language.JAVASCRIPT))
        .extracting(Finding::rule)
        .containsExactly("js.test.random_security");
  }

  @Test
  void rulesWithoutNearApplyAsBefore() {
    CodeRule plain =
        CodeRules.parse("t.json", JSON.readTree(RULES)).stream()
            .filter(rule -> rule.id().equals("js.test.plain"))
            .findFirst()
            .orElseThrow();
    assertThat(plain.near()).isNull();
    assertThat(plain.unlessNear()).isNull();
    assertThat(plain.nearLines()).isEqualTo(CodeRule.DEFAULT_NEAR_LINES);
    assertThat(scanner.scan("eval(x)", Language.JAVASCRIPT))
        .extracting(Finding::rule)
        .containsExactly("js.test.plain");
  }

  @Test
  void contextPatternsCanNameWhatTheMatchCaught() {
    String rules =
        """
        [{"id": "go.test.concat", "cwe": "CWE-89", "severity": "high", "languages": ["go"],
          "pattern": "Query\\\\(\\\\x22[^\\\\x22]*\\\\x22 \\\\+ (?<v>\\\\w+)\\\\)",
          "unless_file": "\\\\bconst\\\\s+${v}\\\\b", "message": "m", "fix": "f"},
         {"id": "go.test.flow", "cwe": "CWE-117", "severity": "medium", "languages": ["go"],
          "pattern": "log\\\\.Printf\\\\([^)]*, (?<w>\\\\w+)\\\\)",
          "near": "${w} := r\\\\.", "near_lines": 2, "message": "m", "fix": "f"}]
        """;
    InsecureCodeScanner scanner =
        new InsecureCodeScanner("g", CodeRules.of(CodeRules.parse("t.json", JSON.readTree(rules))));
    assertThat(scanner.scan("db.Query(\"SELECT \" + name)", Language.GO))
        .extracting(Finding::rule)
        .containsExactly("go.test.concat");
    assertThat(scanner.scan("const name = \"x\"\ndb.Query(\"SELECT \" + name)", Language.GO))
        .isEmpty();
    assertThat(scanner.scan("const other = \"x\"\ndb.Query(\"SELECT \" + name)", Language.GO))
        .extracting(Finding::rule)
        .containsExactly("go.test.concat");
    assertThat(scanner.scan("u := r.FormValue(\"u\")\nlog.Printf(\"%s\", u)", Language.GO))
        .extracting(Finding::rule)
        .containsExactly("go.test.flow");
    assertThat(scanner.scan("u := r.FormValue(\"u\")\nlog.Printf(\"%s\", v)", Language.GO))
        .isEmpty();
  }

  @Test
  void aNearLinesThatIsNotAWholeNumberIsRejected() {
    String bad =
        """
        [{"id": "x.y", "cwe": "CWE-1", "severity": "low", "languages": ["go"], "pattern": "a",
          "near": "b", "near_lines": "three", "message": "m", "fix": "f"}]
        """;
    assertThatThrownBy(() -> CodeRules.parse("t.json", JSON.readTree(bad)))
        .hasMessageContaining("near_lines");
  }
}
