package dev.codegen.worker.generation.gate.eval;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.code.CodeRules;
import dev.codegen.worker.generation.gate.code.InsecureCodeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * Measures the insecure-code rule tier on the shared labelled corpus (never copied into the
 * repository): recall per language and CWE on TRAIN and HELD_OUT, rows labelled by Meta's Insecure
 * Code Detector apart from independently labelled ones, the false-positive rate on secure rows by
 * their {@code negative_scope}, the TRAIN misses and scan times. Generic over all languages.
 * Opt-in: {@code -Dcodegen.corpus=/work/shared/corpus}. Tune on TRAIN only; report HELD_OUT.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class InsecureCodeCorpusEvaluationTests {

  private static final Pattern CWE = Pattern.compile("CWE-\\d+");
  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner("output.insecure_code", CodeRules.standard());

  @Test
  void reportsRecallFalsePositivesAndTimings() {
    for (CorpusSplit split : CorpusSplit.values()) {
      recall(split);
    }
    falsePositives();
  }

  private void recall(CorpusSplit split) {
    List<CorpusRow> rows = CorpusRow.read("insecure-code/insecure.jsonl", split);
    Map<String, int[]> byLanguage = new TreeMap<>();
    Map<String, int[]> byCwe = new TreeMap<>();
    Map<String, int[]> byLabel = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    List<Long> nanos = new ArrayList<>();
    int unsupported = 0;
    // one untimed pass first, so that p50/p99 measure a warm worker, not class loading and JIT
    for (CorpusRow row : rows) {
      Language.fromWire(row.field("language")).ifPresent(l -> scanner.scan(row.text(), l));
    }
    for (CorpusRow row : rows) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty()) {
        unsupported++;
        continue;
      }
      long start = System.nanoTime();
      List<Finding> findings = scanner.scan(row.text(), language.get());
      nanos.add(System.nanoTime() - start);
      boolean hit = !findings.isEmpty();
      Set<String> acceptable = acceptable(row);
      boolean agrees = findings.stream().anyMatch(f -> acceptable.contains(f.cwe()));
      String lang = row.field("language");
      count(byLanguage, lang, hit, agrees);
      count(byCwe, lang + " " + row.field("expected_cwe"), hit, agrees);
      count(byLabel, lang + " " + (icd(row) ? "icd" : "independent"), hit, agrees);
      if (!hit && split == CorpusSplit.TRAIN) {
        misses.add(
            lang + " " + row.id() + " " + row.field("expected_cwe") + " " + firstLine(row.text()));
      }
    }
    System.out.printf(
        "%n== insecure-code %s: %d rows (%d in unsupported languages)%n",
        split, rows.size(), unsupported);
    print("language", byLanguage);
    print("language+labeller", byLabel);
    print("language+CWE", byCwe);
    if (split == CorpusSplit.TRAIN) {
      System.out.println("-- TRAIN misses (first line)");
      misses.forEach(miss -> System.out.println("  " + miss));
    }
    nanos.sort(Long::compare);
    if (!nanos.isEmpty()) {
      System.out.printf(
          "-- scan time %s (warm): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          split,
          nanos.get(nanos.size() / 2) / 1e6,
          nanos.get(Math.min(nanos.size() - 1, (int) (nanos.size() * 0.99))) / 1e6,
          nanos.get(nanos.size() - 1) / 1e6);
    }
  }

  private void falsePositives() {
    for (CorpusSplit split : CorpusSplit.values()) {
      Map<String, int[]> byLanguage = new TreeMap<>();
      List<String> flagged = new ArrayList<>();
      for (CorpusRow row : CorpusRow.read("insecure-code/secure.jsonl", split)) {
        Optional<Language> language = Language.fromWire(row.field("language"));
        if (language.isEmpty()) {
          continue;
        }
        String scope = row.field("negative_scope");
        Matcher cwe = CWE.matcher(scope);
        String scopedCwe = scope.contains("all ") || !cwe.find() ? null : cwe.group();
        List<Finding> findings = scanner.scan(row.text(), language.get());
        boolean falsePositive =
            findings.stream().anyMatch(f -> scopedCwe == null || scopedCwe.equals(f.cwe()));
        int[] counts = byLanguage.computeIfAbsent(row.field("language"), k -> new int[3]);
        counts[0]++;
        if (falsePositive) {
          counts[1]++;
          if (split == CorpusSplit.TRAIN) {
            flagged.add(row.field("language") + " " + row.id() + " " + firstLine(row.text()));
          }
        }
      }
      System.out.printf("%n== secure %s: false positives by negative_scope%n", split);
      byLanguage.forEach(
          (language, c) ->
              System.out.printf(
                  "  %-12s %4d rows %3d flagged  FPR %5.1f%%%n",
                  language, c[0], c[1], 100.0 * c[1] / c[0]));
      int total = byLanguage.values().stream().mapToInt(c -> c[0]).sum();
      int fps = byLanguage.values().stream().mapToInt(c -> c[1]).sum();
      System.out.printf(
          "  %-12s %4d rows %3d flagged  FPR %5.1f%%%n",
          "ALL", total, fps, total == 0 ? 0.0 : 100.0 * fps / total);
      flagged.forEach(line -> System.out.println("  FP " + line));
    }
  }

  private static Set<String> acceptable(CorpusRow row) {
    Set<String> cwes = new HashSet<>();
    cwes.add(row.field("expected_cwe"));
    JsonNode list = row.fields().path("acceptable_cwes");
    for (JsonNode cwe : list) {
      cwes.add(cwe.asString());
    }
    return cwes;
  }

  private static boolean icd(CorpusRow row) {
    return row.field("label_method").toLowerCase(Locale.ROOT).contains("icd");
  }

  private static void count(Map<String, int[]> counts, String key, boolean hit, boolean agrees) {
    int[] c = counts.computeIfAbsent(key, k -> new int[3]);
    c[0]++;
    c[1] += hit ? 1 : 0;
    c[2] += agrees ? 1 : 0;
  }

  private static void print(String title, Map<String, int[]> counts) {
    System.out.println("-- recall by " + title + " (flagged at all / CWE agreed)");
    int[] total = new int[3];
    counts.forEach(
        (key, c) -> {
          System.out.printf(
              "  %-28s %4d rows  recall %5.1f%%  CWE agreed %5.1f%%%n",
              key, c[0], 100.0 * c[1] / c[0], 100.0 * c[2] / c[0]);
          for (int i = 0; i < 3; i++) {
            total[i] += c[i];
          }
        });
    if (total[0] > 0) {
      System.out.printf(
          "  %-28s %4d rows  recall %5.1f%%  CWE agreed %5.1f%%%n",
          "ALL", total[0], 100.0 * total[1] / total[0], 100.0 * total[2] / total[0]);
    }
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    String line = end < 0 ? trimmed : trimmed.substring(0, end);
    return line.length() <= 100 ? line : line.substring(0, 100) + "…";
  }
}
