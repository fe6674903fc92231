package dev.codegen.worker.generation.gate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every secret rule carries its own examples in {@code secret-rules.json}: {@code bad} texts it
 * must flag (fake values written for the rule, never taken from the evaluation corpus) and {@code
 * good} ones (placeholders, variables, look-alikes) that no rule may flag.
 */
class SecretRulesExamplesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecretScanner SCANNER = new SecretScanner("output.secrets");

  @ParameterizedTest(name = "{0} flags {1}")
  @MethodSource("bad")
  void flagsItsBadExamples(String rule, String text) {
    List<Finding> findings = SCANNER.scan(text, null);
    assertThat(findings).as("findings for %s", text).isNotEmpty();
    for (Finding finding : findings) {
      assertThat(finding.evidence()).doesNotContain(secretOf(text, finding));
    }
  }

  @ParameterizedTest(name = "{0} leaves alone {1}")
  @MethodSource("good")
  void leavesItsGoodExamplesAlone(String rule, String text) {
    assertThat(SCANNER.scan(text, null)).extracting(Finding::rule).isEmpty();
  }

  /** The redaction hides the whole value: what the evidence shows is at most its first chars. */
  private static String secretOf(String text, Finding finding) {
    String redacted = SCANNER.redact(text);
    assertThat(redacted).isNotEqualTo(text);
    return text.equals(redacted) ? "\u0000" : longestRemoved(text, redacted);
  }

  private static String longestRemoved(String text, String redacted) {
    int prefix = 0;
    while (prefix < text.length()
        && prefix < redacted.length()
        && text.charAt(prefix) == redacted.charAt(prefix)) {
      prefix++;
    }
    int end = Math.min(text.length(), prefix + 8);
    return text.substring(prefix, end);
  }

  static Stream<Arguments> bad() throws IOException {
    return examples("bad");
  }

  static Stream<Arguments> good() throws IOException {
    return examples("good");
  }

  private static Stream<Arguments> examples(String kind) throws IOException {
    List<Arguments> examples = new ArrayList<>();
    try (InputStream in = SecretRules.class.getResourceAsStream(SecretRules.RESOURCE)) {
      for (JsonNode rule : JSON.readTree(in).path("rules")) {
        for (JsonNode example : rule.path(kind)) {
          examples.add(Arguments.of(rule.get("id").asString(), example.asString()));
        }
      }
    }
    if (kind.equals("bad")) {
      assertThat(examples).as("rules without bad examples cannot be tested").isNotEmpty();
    }
    return examples.stream();
  }
}
