package dev.codegen.worker.generation.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the gates against the shared labelled corpus (never copied into fixtures). Runs only
 * when asked: {@code ./mvnw -pl generation-worker test -Dtest=GateCorpusEvaluationTests
 * -Dcodegen.corpus=/work/shared/corpus}. Prints recall and false-positive rate; asserts nothing, so
 * tuning a rule never breaks the build by surprise.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class GateCorpusEvaluationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Path corpus = Path.of(System.getProperty("codegen.corpus", "."));
  private final Gates gates = Gates.standard();
  private final Gate secrets = new SecretsGate("secrets");

  @Test
  void reportsRecallAndFalsePositiveRate() throws IOException {
    report(
        "input gates, malicious prompts",
        "prompts/malicious.jsonl",
        "category",
        gates::checkInput,
        true);
    report(
        "input gates, benign prompts",
        "prompts/benign.jsonl",
        "category",
        gates::checkInput,
        false);
    report("secrets gate, secrets", "secrets/secrets.jsonl", "expected_type", secrets::check, true);
    report(
        "secrets gate, look-alikes", "secrets/benign.jsonl", "lookalike_of", secrets::check, false);
    report(
        "output gates, insecure code",
        "insecure-code/insecure.jsonl",
        "language",
        gates::checkOutput,
        true);
    report(
        "output gates, secure code",
        "insecure-code/secure.jsonl",
        "language",
        gates::checkOutput,
        false);
  }

  private void report(
      String title,
      String file,
      String groupBy,
      Function<String, GateDecision> gate,
      boolean positive)
      throws IOException {
    Path path = corpus.resolve(file);
    if (!Files.exists(path)) {
      return;
    }
    Map<String, int[]> groups = new TreeMap<>();
    List<String> lines = Files.readAllLines(path);
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      String text = row.has("text") ? row.get("text").asString() : row.get("code").asString();
      String group = row.path(groupBy).isMissingNode() ? "-" : row.path(groupBy).asString();
      int[] counts = groups.computeIfAbsent(group, g -> new int[2]);
      counts[0]++;
      if (gate.apply(text) instanceof GateDecision.Rejected rejected) {
        counts[1]++;
        if (!positive) {
          System.out.printf(
              "   false positive %s: %s%n",
              rejected.rule(), text.substring(0, Math.min(90, text.length())).replace('\n', ' '));
        }
      }
    }
    int total = groups.values().stream().mapToInt(c -> c[0]).sum();
    int flagged = groups.values().stream().mapToInt(c -> c[1]).sum();
    System.out.printf(
        "%n== %s: %d rows, %s %.1f%%%n",
        title, total, positive ? "recall" : "false positives", 100.0 * flagged / total);
    groups.forEach(
        (group, c) ->
            System.out.printf(
                "   %-40s %4d/%-4d %5.1f%%%n", group, c[1], c[0], 100.0 * c[1] / c[0]));
  }
}
