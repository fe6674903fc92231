package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.model.Finding;
import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the prompt gates against the shared labelled corpus (read in place, never copied):
 * recall on {@code prompts/malicious.jsonl} and false-positive rate on {@code
 * prompts/benign.jsonl}, for TRAIN and HELD_OUT, per category and subcategory, for the rules alone,
 * the classifier alone and both; the false-positive rate on the held-out generated benign prompts
 * ({@link BenignPromptGenerator}) and on the docstring set named by {@code -Dcodegen.docset} (never
 * trained on); then the model's load time and the scan latency. Opt-in: {@code ./mvnw -B -q -pl
 * generation-worker test -Dtest=PromptCorpusEvaluationTests -Dcodegen.corpus=/work/shared/corpus
 * -Djacoco.skip=true}; add {@code -Dcodegen.corpus.verbose=true} to list TRAIN misses and false
 * positives. Asserts nothing about the numbers.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class PromptCorpusEvaluationTests {

  private static final String MALICIOUS = "prompts/malicious.jsonl";
  private static final String BENIGN = "prompts/benign.jsonl";
  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  @Test
  void reportsRecallFalsePositiveRateAndLatency() {
    PromptRules rules = PromptRules.standard();
    long start = System.nanoTime();
    PromptClassifier classifier = loadClassifier();
    double loadMillis = (System.nanoTime() - start) / 1e6;
    PromptScanner scanner = new PromptScanner(rules, classifier);
    boolean verbose = Boolean.getBoolean("codegen.corpus.verbose");
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nprompt gates: %d rules, classifier %s (loaded in %.1f ms, threshold %s)%n",
            rules.all().size(),
            classifier == null ? "absent" : "present",
            loadMillis,
            classifier == null ? "-" : String.format(Locale.ROOT, "%.3f", classifier.threshold())));
    List<CorpusRow> all = new ArrayList<>();
    for (CorpusSplit split : CorpusSplit.values()) {
      List<CorpusRow> malicious = CorpusRow.read(MALICIOUS, split);
      List<CorpusRow> benign = CorpusRow.read(BENIGN, split);
      all.addAll(malicious);
      all.addAll(benign);
      out.append(String.format(Locale.ROOT, "%n== %s ==%n", split));
      out.append(
          String.format(
              Locale.ROOT,
              "%-72s %5s %8s %8s %8s%n",
              "recall (malicious) / FPR (benign)",
              "n",
              "rules",
              "model",
              "both"));
      table(out, scanner, malicious, verbose && split == CorpusSplit.TRAIN, true);
      table(out, scanner, benign, verbose && split == CorpusSplit.TRAIN, false);
    }
    Path docset = Path.of(System.getProperty("codegen.docset", "/nonexistent"), BENIGN);
    if (Files.isReadable(docset)) {
      out.append(
          String.format(
              Locale.ROOT, "%n== docstring set %s (measured only, never trained on) ==%n", docset));
      table(out, scanner, read(docset, row -> true), false, false);
    }
    try {
      Path generated = Path.of("target/generated-benign-prompts.jsonl");
      if (!Files.isReadable(generated)) {
        List<BenignPromptGenerator.Generated> rows =
            BenignPromptGenerator.generate(BenignPromptGenerator.jdkSources());
        StringBuilder lines = new StringBuilder();
        for (BenignPromptGenerator.Generated g : rows) {
          lines.append(
              JSON.writeValueAsString(
                  java.util.Map.of(
                      "id", g.id(),
                      "text", g.text(),
                      "category", "generated-" + g.kind(),
                      "subcategory", g.source().substring(0, g.source().indexOf(':')),
                      "split", g.heldOut() ? "HELD_OUT" : "TRAIN")));
          lines.append('\n');
        }
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, lines);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%n== generated benign, held-out source files and tasks (%s) ==%n",
              generated));
      table(
          out,
          scanner,
          read(generated, row -> row.field("split").equals("HELD_OUT")),
          verbose,
          false);
    } catch (IOException | RuntimeException e) {
      out.append("no generated benign prompts: ").append(e.getMessage()).append('\n');
    }
    latency(out, scanner, all);
    if (verbose) {
      ruleCost(out, rules, all);
    }
    System.out.println(out);
  }

  private static List<CorpusRow> read(Path file, java.util.function.Predicate<CorpusRow> keep) {
    try {
      List<CorpusRow> rows = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          var node = JSON.readTree(line);
          CorpusRow row =
              new CorpusRow(node.get("id").asString(), node.get("text").asString(), node);
          if (keep.test(row)) {
            rows.add(row);
          }
        }
      }
      return rows;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static PromptClassifier loadClassifier() {
    try {
      // the first load in a fresh JVM is the one a worker pays at start
      long start = System.nanoTime();
      PromptClassifier classifier = PromptClassifier.standard();
      double cold = (System.nanoTime() - start) / 1e6;
      double[] warm = new double[5];
      for (int i = 0; i < warm.length; i++) {
        long again = System.nanoTime();
        PromptClassifier.standard();
        warm[i] = (System.nanoTime() - again) / 1e6;
      }
      Arrays.sort(warm);
      System.out.printf(
          Locale.ROOT,
          "classifier load: first %.1f ms, then median %.1f ms%n",
          cold,
          warm[warm.length / 2]);
      return classifier;
    } catch (RuntimeException e) {
      System.out.println("no classifier: " + e.getMessage());
      return null;
    }
  }

  private static void table(
      StringBuilder out,
      PromptScanner scanner,
      List<CorpusRow> rows,
      boolean verbose,
      boolean positive) {
    Map<String, int[]> counts = new TreeMap<>();
    List<String> details = new ArrayList<>();
    for (CorpusRow row : rows) {
      List<Finding> ruleFindings = scanner.scanRules(row.text());
      List<Finding> modelFindings = scanner.scanClassifier(row.text());
      boolean byRules = !ruleFindings.isEmpty();
      boolean byModel = !modelFindings.isEmpty();
      String category = row.field("category");
      for (String key :
          List.of(
              (positive ? "malicious" : "benign") + " (all)",
              category,
              category + " / " + row.field("subcategory"))) {
        int[] c = counts.computeIfAbsent(key, k -> new int[4]);
        c[0]++;
        c[1] += byRules ? 1 : 0;
        c[2] += byModel ? 1 : 0;
        c[3] += byRules || byModel ? 1 : 0;
      }
      boolean flagged = byRules || byModel;
      if (verbose && flagged != positive) {
        details.add(
            (positive ? "MISS " : "FP   ")
                + row.id()
                + " ["
                + row.field("subcategory")
                + "] "
                + ruleFindings.stream()
                    .map(f -> f.rule() + "{" + f.evidence() + "}")
                    .collect(Collectors.joining(","))
                + modelFindings.stream().map(Finding::message).collect(Collectors.joining())
                + " :: "
                + PromptScanner.evidence(row.text()));
      }
      if (verbose && positive && !byRules && byModel) {
        details.add("MODEL-ONLY " + row.id() + " :: " + PromptScanner.evidence(row.text()));
      }
    }
    counts.forEach(
        (key, c) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-72s %5d %7.1f%% %7.1f%% %7.1f%%%n",
                    key.length() > 72 ? key.substring(0, 72) : key,
                    c[0],
                    100.0 * c[1] / c[0],
                    100.0 * c[2] / c[0],
                    100.0 * c[3] / c[0])));
    details.forEach(d -> out.append(d).append('\n'));
  }

  private static void ruleCost(StringBuilder out, PromptRules rules, List<CorpusRow> rows) {
    Map<String, Long> cost = new TreeMap<>();
    for (CorpusRow row : rows) {
      for (PromptViews.View view : PromptViews.of(row.text())) {
        for (PromptRule rule : rules.all()) {
          long start = System.nanoTime();
          rule.pattern().matcher(view.text()).find();
          cost.merge(rule.id() + " " + view.name(), System.nanoTime() - start, Long::sum);
        }
      }
    }
    cost.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(25)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT, "cost %-60s %8.1f ms%n", e.getKey(), e.getValue() / 1e6)));
  }

  private static void latency(StringBuilder out, PromptScanner scanner, List<CorpusRow> rows) {
    for (CorpusRow row : rows) {
      scanner.scan(row.text(), null); // warm up
    }
    long[] nanos = new long[rows.size()];
    int longest = 0;
    for (int i = 0; i < rows.size(); i++) {
      long start = System.nanoTime();
      scanner.scan(rows.get(i).text(), null);
      nanos[i] = System.nanoTime() - start;
      longest = Math.max(longest, rows.get(i).text().length());
    }
    Arrays.sort(nanos);
    out.append(
        String.format(
            Locale.ROOT,
            "%nscan latency over %d prompts (up to %d chars), both tiers: p50 %.2f ms, p99 %.2f"
                + " ms, max %.2f ms%n",
            nanos.length,
            longest,
            nanos[nanos.length / 2] / 1e6,
            nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
            nanos[nanos.length - 1] / 1e6));
  }
}
