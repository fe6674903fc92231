package dev.codegen.worker.generation.gate.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every data-flow rule carries its own examples in {@code flow.json}: {@code bad} snippets in which
 * untrusted input reaches the sink (it must flag them) and {@code good} ones that do the same job
 * safely (it must leave them alone), in each of its languages. Written for the rules, never taken
 * from the evaluation corpus.
 */
class FlowRulesExamplesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TaintScanner SCANNER = TaintScanner.standard("output.insecure_flow");

  @ParameterizedTest(name = "{0} flags {2}")
  @MethodSource("bad")
  void flagsItsBadExamples(String rule, Language language, String code) {
    assertThat(SCANNER.scan(code, language)).extracting(Finding::rule).contains(rule);
  }

  @ParameterizedTest(name = "{0} leaves alone {2}")
  @MethodSource("good")
  void leavesItsGoodExamplesAlone(String rule, Language language, String code) {
    assertThat(SCANNER.scan(code, language)).extracting(Finding::rule).doesNotContain(rule);
  }

  @Test
  void everyRuleHasBadAndGoodExamples() throws IOException {
    for (JsonNode rule : rules()) {
      assertThat(rule.path("bad").size()).as(rule.get("id").asString()).isPositive();
      assertThat(rule.path("good").size()).as(rule.get("id").asString()).isPositive();
    }
  }

  static Stream<Arguments> bad() throws IOException {
    return examples("bad");
  }

  static Stream<Arguments> good() throws IOException {
    return examples("good");
  }

  private static JsonNode rules() throws IOException {
    try (InputStream in = FlowRules.class.getResourceAsStream(FlowRules.FILE)) {
      return JSON.readTree(in).path("rules");
    }
  }

  private static Stream<Arguments> examples(String kind) throws IOException {
    List<Arguments> examples = new ArrayList<>();
    for (JsonNode rule : rules()) {
      for (JsonNode language : rule.path("languages")) {
        for (JsonNode example : rule.path(kind)) {
          examples.add(
              Arguments.of(
                  rule.get("id").asString(),
                  Language.fromWire(language.asString()).orElseThrow(),
                  example.asString()));
        }
      }
    }
    assertThat(examples).isNotEmpty();
    return examples.stream();
  }
}
