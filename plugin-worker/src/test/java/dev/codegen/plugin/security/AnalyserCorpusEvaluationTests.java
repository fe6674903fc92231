package dev.codegen.plugin.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysers alone on the shared labelled corpus (read in place, never copied): recall on the
 * insecure rows and false-positive rate on the secure ones (a finding counts only for the CWE a
 * row's {@code negative_scope} names, when it names one), for the languages they cover. Nothing was
 * tuned on the corpus, so every row is unseen. Opt-in: {@code
 * -Dcodegen.corpus=/work/shared/corpus}. Prints one table.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class AnalyserCorpusEvaluationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SCOPE = Pattern.compile("CWE-\\d+");

  private final SecurityPlugin plugin =
      new SecurityPlugin(
          SecurityPlugin.standard(
              ExternalTool.fromEnvironment(Duration.ofSeconds(20)), Duration.ofMinutes(1), true));

  /** One language's counts on one file. */
  private static final class Tally {
    int rows;
    int analysed;
    int any;
    int blocking;
    int cweMatch;
    long millis;
  }

  @Test
  void measuresRecallAndFalsePositives() throws IOException {
    Path corpus = Path.of(System.getProperty("codegen.corpus"));
    List<String> out = new ArrayList<>();
    out.add(
        "| language | file | labels | rows | analysed | any finding | blocking (>= medium) |"
            + " CWE matches | ms/row |");
    out.add("|---|---|---|---|---|---|---|---|---|");
    for (Language language : List.of(Language.PYTHON, Language.C, Language.CPP, Language.JAVA)) {
      for (String file : List.of("insecure.jsonl", "secure.jsonl")) {
        for (boolean icd : List.of(true, false)) {
          Tally t = tally(corpus.resolve("insecure-code").resolve(file), language, icd);
          if (t.rows == 0) {
            continue;
          }
          out.add(
              String.format(
                  "| %s | %s | %s | %d | %d | %s | %s | %s | %d |",
                  language.wireName(),
                  file,
                  icd ? "ICD" : "independent",
                  t.rows,
                  t.analysed,
                  rate(t.any, t.rows),
                  rate(t.blocking, t.rows),
                  file.startsWith("insecure") ? rate(t.cweMatch, t.rows) : "-",
                  t.millis / t.rows));
        }
      }
    }
    out.forEach(System.out::println);
    assertThat(out).hasSizeGreaterThan(2);
  }

  private Tally tally(Path file, Language language, boolean icdLabels) throws IOException {
    Tally t = new Tally();
    for (String line : Files.readAllLines(file)) {
      JsonNode row = JSON.readTree(line);
      Optional<Language> rowLanguage = Language.fromWire(row.path("language").asString());
      // Labels that came from Meta's Insecure Code Detector measure agreement with that tool.
      boolean icd = row.path("label_method").asString("").toLowerCase(Locale.ROOT).contains("icd");
      if (rowLanguage.isEmpty() || rowLanguage.get() != language || icd != icdLabels) {
        continue;
      }
      t.rows++;
      long start = System.nanoTime();
      var result = plugin.apply(new Artifact(row.path("id").asString(), language, code(row)));
      t.millis += (System.nanoTime() - start) / 1_000_000;
      if (!result.report().summary().contains("skipped")) {
        t.analysed++;
      }
      // A secure row is clean for the CWE its negative_scope names, or for everything.
      Matcher scope = SCOPE.matcher(row.path("negative_scope").asString(""));
      String scopeCwe = scope.find() ? scope.group() : null;
      List<Finding> findings =
          result.findings().stream()
              .filter(f -> scopeCwe == null || scopeCwe.equals(f.cwe()))
              .toList();
      if (!findings.isEmpty()) {
        t.any++;
      }
      if (findings.stream().anyMatch(f -> f.severity().atLeast(Severity.MEDIUM))) {
        t.blocking++;
      }
      List<String> acceptable = new ArrayList<>();
      row.path("acceptable_cwes").forEach(c -> acceptable.add(c.asString()));
      if (findings.stream().anyMatch(f -> f.cwe() != null && acceptable.contains(f.cwe()))) {
        t.cweMatch++;
      }
    }
    return t;
  }

  private static String code(JsonNode row) {
    return row.path("code").asString("");
  }

  private static String rate(int hits, int rows) {
    return String.format("%d (%.1f%%)", hits, 100.0 * hits / rows);
  }
}
