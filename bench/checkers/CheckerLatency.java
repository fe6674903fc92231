import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.javac.JavacPlugin;
import dev.codegen.plugin.javaformat.JavaFormatPlugin;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.syntax.CheckerPools;
import dev.codegen.plugin.syntax.SourceFormatPlugin;
import dev.codegen.plugin.syntax.SyntaxPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Per-check latency of the syntax stage on a 100-line file per language, one check at a time
 * (third argument {@code format}: the format stage's formatters; {@code lint}: the linters):
 * "after" is SyntaxPlugin as the worker runs it (long-lived Python/Node processes, a compiler per job
 * for the others); "before" is the process-per-job path it replaced for Python and JavaScript
 * (temp dir, file, `python3 -I -c <compile() wrapper>` / `node --check`, as ToolRunner did).
 * Run through bench/checker-latency.sh. Not a test: numbers go to docs/BENCHMARKS.md.
 */
public class CheckerLatency {

  // The compile() wrapper the syntax stage ran per job before the long-lived checkers.
  static final String OLD_PYTHON_CHECK =
      String.join(
          "\n",
          "import sys",
          "try:",
          "    compile(sys.stdin.read(), '<generated>', 'exec', dont_inherit=True)",
          "except SyntaxError as e:",
          "    print('%d:%d:%s: %s' % (e.lineno or 0, e.offset or 0, type(e).__name__, e.msg))",
          "    sys.exit(1)");

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perJobRuns = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String what = args.length > 2 ? args[2] : "check";
    System.out.printf(
        "%-11s %-34s %5s %9s %9s %9s %9s%n", "language", "checker", "runs", "p50 ms", "p90 ms",
        "p99 ms", "mean ms");
    if (what.equals("format")) {
      formatters(runs, perJobRuns);
      return;
    }
    if (what.equals("lint")) {
      linters(runs, perJobRuns);
      return;
    }
    before("python", "snippet.py", python(), runs, "python3", "-I", "-c", OLD_PYTHON_CHECK);
    before("javascript", "snippet.js", javascript(), runs, "node", "--check", "snippet.js");
    try (SyntaxPlugin plugin = new SyntaxPlugin(Duration.ofSeconds(30), 1)) {
      plugin.start().forEach((l, d) -> System.err.println("checker " + l.wireName() + ": " + d));
      after(plugin, Language.PYTHON, python(), runs);
      after(plugin, Language.JAVASCRIPT, javascript(), runs);
      after(plugin, Language.TYPESCRIPT, typescript(), runs);
      after(plugin, Language.BASH, bash(), perJobRuns);
      after(plugin, Language.GO, go(), perJobRuns);
      after(plugin, Language.C, c(), perJobRuns);
      after(plugin, Language.CPP, cpp(), perJobRuns);
      after(plugin, Language.PHP, php(), perJobRuns);
      after(plugin, Language.RUBY, ruby(), perJobRuns);
      after(plugin, Language.RUST, rust(), perJobRuns);
      after(plugin, Language.CSHARP, csharp(), perJobRuns);
    }
  }

  static void after(SyntaxPlugin plugin, Language language, String code, int runs) {
    Artifact artifact = new Artifact("bench", language, code);
    PluginResult first = plugin.apply(artifact);
    String verdict = first.report().verdict().wireName();
    if (!verdict.equals("passed")) {
      System.out.printf("%-11s %-34s %s: %s%n", language.wireName(), "after", verdict,
          first.report().summary());
      return;
    }
    for (int i = 0; i < Math.min(10, runs); i++) {
      plugin.apply(artifact);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      PluginResult result = plugin.apply(artifact);
      nanos[i] = System.nanoTime() - start;
      if (!result.report().verdict().wireName().equals("passed")) {
        throw new IllegalStateException(result.report().summary());
      }
    }
    String how =
        switch (language) {
          case PYTHON, JAVASCRIPT, TYPESCRIPT -> "after: long-lived process";
          default -> "process per job";
        };
    print(language.wireName(), how, nanos);
  }

  /** The format stage per language: in the long-lived processes, per job, or in the JVM. */
  static void formatters(int runs, int perJobRuns) {
    try (CheckerPools pools = CheckerPools.onPath(1)) {
      SourceFormatPlugin format = new SourceFormatPlugin(pools, Duration.ofSeconds(30), false);
      measure(format, Language.PYTHON, python(), runs, "black, long-lived process");
      measure(format, Language.JAVASCRIPT, javascript(), runs, "prettier, long-lived process");
      measure(format, Language.TYPESCRIPT, typescript(), runs, "prettier, long-lived process");
      measure(format, Language.GO, go(), perJobRuns, "gofmt, process per job");
      measure(format, Language.RUST, rust(), perJobRuns, "rustfmt, process per job");
      measure(format, Language.C, c(), perJobRuns, "clang-format, process per job");
      measure(format, Language.CPP, cpp(), perJobRuns, "clang-format, process per job");
      measure(format, Language.BASH, bash(), perJobRuns, "shfmt, process per job");
    }
    measure(new JavaFormatPlugin(), Language.JAVA, java(), runs, "google-java-format, in JVM");
  }

  /**
   * The linters: javac -Xlint (the whole in-memory compile), the syntax stage of Go and Bash with
   * and without its per-job linter (go vet, shellcheck), the linter alone as a process per job.
   */
  static void linters(int runs, int perJobRuns) throws Exception {
    measure(new JavacPlugin(), Language.JAVA, java(), runs, "javac -Xlint, in memory");
    try (SyntaxPlugin plugin = new SyntaxPlugin(Duration.ofSeconds(30), 1)) {
      measure(plugin, Language.JAVASCRIPT, javascript(), runs, "node check + eslint, long-lived");
      measure(plugin, Language.GO, go(), perJobRuns, "gofmt -e + go vet, per job");
      measure(plugin, Language.BASH, bash(), perJobRuns, "bash -n + shellcheck, per job");
    }
    perJob("go", "snippet.go", go(), perJobRuns, "go vet alone, per job", "go", "vet", "snippet.go");
    perJob("bash", "snippet.sh", bash(), perJobRuns, "shellcheck alone, per job", "shellcheck",
        "-f", "gcc", "-s", "bash", "snippet.sh");
  }

  static void measure(Plugin plugin, Language language, String code, int runs, String how) {
    Artifact artifact = new Artifact("bench", language, code);
    PluginResult first = plugin.apply(artifact);
    String verdict = first.report().verdict().wireName();
    if (!verdict.equals("passed")) {
      System.out.printf("%-11s %-34s %s: %s%n", language.wireName(), how, verdict,
          first.report().summary());
      return;
    }
    for (int i = 0; i < Math.min(10, runs); i++) {
      plugin.apply(artifact);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      PluginResult result = plugin.apply(artifact);
      nanos[i] = System.nanoTime() - start;
      if (!result.report().verdict().wireName().equals("passed")) {
        throw new IllegalStateException(result.report().summary());
      }
    }
    print(language.wireName(), how, nanos);
  }

  static void before(String language, String file, String code, int runs, String... command)
      throws Exception {
    perJob(language, file, code, runs, "before: process per job", command);
  }

  static void perJob(
      String language, String file, String code, int runs, String how, String... command)
      throws Exception {
    long[] nanos = new long[runs];
    for (int i = -10; i < runs; i++) {
      long start = System.nanoTime();
      Path dir = Files.createTempDirectory("codegen-bench-");
      Path source = Files.writeString(dir.resolve(file), code);
      Path output = dir.resolve("tool-output.txt");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(source.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(language + " failed: " + Files.readString(output));
      }
      Files.readString(output);
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
    }
    print(language, how, nanos);
  }

  static void print(String language, String how, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%-11s %-34s %5d %9.2f %9.2f %9.2f %9.2f%n",
        language,
        how,
        sorted.length,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        mean);
  }

  static double pct(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  // ~100-line ordinary files, one per language.

  static String lines(String header, String footer, int count, java.util.function.IntFunction<String> block) {
    StringBuilder out = new StringBuilder(header);
    for (int i = 0; out.toString().lines().count() < 100 - footer.lines().count(); i++) {
      out.append(block.apply(i));
    }
    return out.append(footer).toString();
  }

  static String java() {
    return lines("import java.util.List;\n\npublic class Shapes {\n", "}\n", 100, i ->
        "  public static double area" + i + "(List<Double> rs) {\n    double s = 0;\n"
            + "    for (double r : rs) {\n      s += Math.PI * r * r;\n    }\n    return s * "
            + (i + 1) + ";\n  }\n\n");
  }

  static String python() {
    return lines("import math\n\n", "", 100, i ->
        "def area_" + i + "(r, scale=1.0):\n    \"\"\"Area of circle " + i + ".\"\"\"\n"
            + "    value = math.pi * r * r * scale\n    return round(value, " + (i % 5) + ")\n\n");
  }

  static String javascript() {
    return lines("'use strict';\n\n", "module.exports = { area0 };\n", 100, i ->
        "function area" + i + "(r, scale = 1) {\n  const value = Math.PI * r * r * scale;\n"
            + "  return Math.round(value * " + (i + 1) + ") / " + (i + 1) + ";\n}\n\n");
  }

  static String typescript() {
    return lines("export interface Shape { r: number; scale?: number }\n\n", "", 100, i ->
        "export function area" + i + "(s: Shape): number {\n  const value: number = Math.PI * s.r"
            + " * s.r * (s.scale ?? 1);\n  return Math.round(value * " + (i + 1) + ") / " + (i + 1)
            + ";\n}\n\n");
  }

  static String bash() {
    return lines("#!/usr/bin/env bash\nset -euo pipefail\n\n", "", 100, i ->
        "area_" + i + "() {\n  local r=\"$1\"\n  echo $(( r * r * 3 + " + i + " ))\n}\n\n");
  }

  static String go() {
    return lines("package shapes\n\nimport \"math\"\n\n", "", 100, i ->
        "func Area" + i + "(r float64) float64 {\n\tv := math.Pi * r * r\n\treturn v * "
            + (i + 1) + "\n}\n\n");
  }

  static String c() {
    return lines("#include <math.h>\n\n", "", 100, i ->
        "double area_" + i + "(double r) {\n  double v = M_PI * r * r;\n  return v * " + (i + 1)
            + ";\n}\n\n");
  }

  static String cpp() {
    return lines("#include <cmath>\n#include <vector>\n\n", "", 100, i ->
        "double area" + i + "(const std::vector<double>& rs) {\n  double s = 0;\n"
            + "  for (double r : rs) s += M_PI * r * r;\n  return s * " + (i + 1) + ";\n}\n\n");
  }

  static String php() {
    return lines("<?php\n\n", "", 100, i ->
        "function area_" + i + "(float $r): float {\n  $v = M_PI * $r * $r;\n  return $v * "
            + (i + 1) + ";\n}\n\n");
  }

  static String ruby() {
    return lines("module Shapes\n", "end\n", 100, i ->
        "  def self.area_" + i + "(r)\n    v = Math::PI * r * r\n    v * " + (i + 1)
            + "\n  end\n\n");
  }

  static String rust() {
    return lines("use std::f64::consts::PI;\n\n", "", 100, i ->
        "pub fn area_" + i + "(r: f64) -> f64 {\n    let v = PI * r * r;\n    v * " + (i + 1)
            + ".0\n}\n\n");
  }

  static String csharp() {
    return lines("using System;\n\npublic static class Shapes {\n", "}\n", 100, i ->
        "  public static double Area" + i + "(double r) {\n    var v = Math.PI * r * r;\n"
            + "    return v * " + (i + 1) + ";\n  }\n\n");
  }
}
