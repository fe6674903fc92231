package dev.codegen.worker.generation.gate.prompt;

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
 * Every prompt rule carries its own examples in {@code rules.json}: {@code bad} prompts it must
 * flag and {@code good} ones (legitimate requests that look alike) it must leave alone. The
 * examples are written for the rules, never taken from the evaluation corpus.
 */
class PromptRulesExamplesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final PromptScanner RULES = new PromptScanner(PromptRules.standard(), null);

  @ParameterizedTest(name = "{0} flags {1}")
  @MethodSource("bad")
  void flagsItsBadExamples(String rule, String prompt) {
    assertThat(RULES.scanRules(prompt)).extracting(Finding::rule).contains(rule);
  }

  @ParameterizedTest(name = "{0} leaves alone {1}")
  @MethodSource("good")
  void leavesItsGoodExamplesAlone(String rule, String prompt) {
    assertThat(RULES.scanRules(prompt)).extracting(Finding::rule).doesNotContain(rule);
  }

  static Stream<Arguments> bad() throws IOException {
    return examples("bad");
  }

  static Stream<Arguments> good() throws IOException {
    return examples("good");
  }

  private static Stream<Arguments> examples(String kind) throws IOException {
    List<Arguments> examples = new ArrayList<>();
    try (InputStream in = PromptRules.class.getResourceAsStream(PromptRules.RESOURCE)) {
      for (JsonNode rule : JSON.readTree(in)) {
        assertThat(rule.path(kind).size())
            .as(rule.get("id").asString() + " needs " + kind + " examples")
            .isPositive();
        for (JsonNode example : rule.path(kind)) {
          examples.add(Arguments.of(rule.get("id").asString(), example.asString()));
        }
      }
    }
    return examples.stream();
  }
}
