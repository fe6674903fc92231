package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.SecurityFixtures.TOOLS;
import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Artifact;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Milliseconds per job per analyser, on our fixtures, after a warm-up. Opt-in (it takes a minute):
 * {@code -Dtest=AnalyserTimingTests -Dcodegen.security.timing=true}. Prints one line per analyser.
 */
class AnalyserTimingTests {

  private static final int WARM_UP = 2;
  private static final int RUNS = 10;

  @Test
  void measuresEveryInstalledAnalyser() throws IOException {
    assumeTrue(Boolean.getBoolean("codegen.security.timing"), "opt-in timing");
    List<String> lines = new ArrayList<>();
    lines.add("load average before: " + loadAverage());
    lines.add(measure(new BanditAnalyser(TOOLS), artifact(Language.PYTHON, "insecure.py")));
    lines.add(measure(new FlawfinderAnalyser(TOOLS), artifact(Language.C, "insecure.c")));
    lines.add(measure(new CppcheckAnalyser(TOOLS), artifact(Language.C, "insecure.c")));
    lines.add(measure(new ShellcheckAnalyser(TOOLS), artifact(Language.BASH, "insecure.sh")));
    lines.add(
        measure(
            new SpotBugsAnalyser(Duration.ofMinutes(1)), artifact(Language.JAVA, "Insecure.java")));
    lines.add(
        measure(new SpotBugsAnalyser(Duration.ofMinutes(1)), artifact(Language.JAVA, "Safe.java")));
    lines.add("load average after: " + loadAverage());
    lines.forEach(System.out::println);
    assertThat(lines).hasSize(8);
  }

  private static String measure(Analyser analyser, Artifact artifact) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP; i++) {
      analyser.analyse(artifact);
    }
    List<Long> wall = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    AnalyserRun last = null;
    for (int i = 0; i < RUNS; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      last = analyser.analyse(artifact);
      wall.add((System.nanoTime() - start) / 1_000_000);
      cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
    }
    Collections.sort(wall);
    Collections.sort(cpu);
    return String.format(
        "%-10s %-6s %-8s findings=%d wall p50=%d ms max=%d ms; JVM thread cpu p50=%d ms",
        analyser.tool(),
        artifact.language().wireName(),
        last.status(),
        last.findings().size(),
        wall.get(RUNS / 2),
        wall.get(RUNS - 1),
        cpu.get(RUNS / 2));
  }

  private static String loadAverage() throws IOException {
    Path proc = Path.of("/proc/loadavg");
    return Files.exists(proc) ? Files.readString(proc).strip() : "unknown";
  }
}
