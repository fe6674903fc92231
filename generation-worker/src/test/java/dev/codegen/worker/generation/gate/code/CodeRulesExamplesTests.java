package dev.codegen.worker.generation.gate.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
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
 * Every rule carries its own examples in its rule file: {@code bad} snippets it must flag and
 * {@code good} ones (the safe way to do the same thing) it must leave alone, in each of its
 * languages. The examples are written for the rules, never taken from the evaluation corpus.
 */
class CodeRulesExamplesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final InsecureCodeScanner SCANNER =
      new InsecureCodeScanner("output.insecure_code", CodeRules.standard());

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

  static Stream<Arguments> bad() throws IOException {
    return examples("bad");
  }

  static Stream<Arguments> good() throws IOException {
    return examples("good");
  }

  private static Stream<Arguments> examples(String kind) throws IOException {
    List<Arguments> examples = new ArrayList<>();
    List<String> files = new ArrayList<>(List.of("common.json"));
    for (Language language : Language.values()) {
      files.add(language.wireName() + ".json");
    }
    for (String file : files) {
      try (InputStream in = CodeRules.class.getResourceAsStream(CodeRules.DIRECTORY + file)) {
        if (in == null) {
          continue;
        }
        for (JsonNode rule : JSON.readTree(in)) {
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
      }
    }
    if (kind.equals("bad")) {
      assertThat(examples).as("rules without bad examples cannot be tested").isNotEmpty();
    }
    return examples.stream();
  }
}
