package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.GatePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A false-positive proxy: real code never written for the corpus (standard libraries, JDK sources,
 * bundled node modules, C headers) is mostly not insecure, so what the rules BLOCK there (at the
 * default policy) is mostly noise. Opt-in, prints, asserts nothing:
 *
 * <pre>
 * ./mvnw -B -q -pl shared-model,event-wire,generation-worker -am test \
 *   -Dtest=LibraryCodeFalsePositiveTests -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Djacoco.skip=true -Dcodegen.fp.roots=/usr/lib/python3.11,/usr/include,$JAVA_HOME/lib/src.zip
 * </pre>
 *
 * Roots are directories or zip files, separated by commas; the language follows from the file
 * extension. At most {@code codegen.fp.max-files} files a language (default 400, spread evenly over
 * the sorted paths so the sample is stable) and {@code codegen.fp.max-bytes} a file (default 100
 * kB) are read.
 */
@EnabledIfSystemProperty(named = "codegen.fp.roots", matches = ".+")
class LibraryCodeFalsePositiveTests {

  private static final GatePolicy POLICY = GatePolicy.STANDARD;
  private static final int EXAMPLES = 3;

  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner("output.insecure_code", CodeRules.standard());

  /** One source file: where it is from and its text. */
  private record Source(String name, Language language, String text) {}

  /** Per rule: blocking and low finding counts and a few blocking examples. */
  private static final class RuleCount {
    int blocking;
    int low;
    final List<String> examples = new ArrayList<>();
  }

  @Test
  void reportsBlockingFindingsOnLibraryCode() throws IOException {
    int maxFiles = Integer.getInteger("codegen.fp.max-files", 400);
    int maxBytes = Integer.getInteger("codegen.fp.max-bytes", 100_000);
    Map<Language, List<String>> names = new EnumMap<>(Language.class);
    for (String root : System.getProperty("codegen.fp.roots").split(",")) {
      if (!root.isBlank()) {
        Path path = Path.of(root.strip());
        collect(path, names, maxBytes);
      }
    }
    PrintStream out = System.out;
    out.printf("%n== library code as a false-positive proxy (policy blocks at medium) ==%n");
    Map<String, RuleCount> rules = new TreeMap<>();
    long allLines = 0;
    int allBlocking = 0;
    for (Map.Entry<Language, List<String>> entry : names.entrySet()) {
      Language language = entry.getKey();
      List<String> sample = sample(entry.getValue(), maxFiles);
      long lines = 0;
      int files = 0;
      int blockedFiles = 0;
      int blocking = 0;
      for (String name : sample) {
        Optional<String> text = read(name, maxBytes);
        if (text.isEmpty()) {
          continue;
        }
        files++;
        lines += text.get().lines().count();
        List<Finding> findings = scanner.scan(text.get(), language);
        boolean blocked = false;
        for (Finding finding : findings) {
          RuleCount count = rules.computeIfAbsent(finding.rule(), r -> new RuleCount());
          if (POLICY.blocks(finding)) {
            blocked = true;
            blocking++;
            count.blocking++;
            if (count.examples.size() < EXAMPLES) {
              count.examples.add(shortName(name) + ":" + finding.line() + " " + finding.evidence());
            }
          } else {
            count.low++;
          }
        }
        blockedFiles += blocked ? 1 : 0;
      }
      allLines += lines;
      allBlocking += blocking;
      out.printf(
          "  %-11s files %4d (blocked %4d, %5.1f%%)  lines %8d  blocking findings %5d"
              + "  per 10k lines %6.2f%n",
          language.wireName(),
          files,
          blockedFiles,
          files == 0 ? 0 : 100.0 * blockedFiles / files,
          lines,
          blocking,
          lines == 0 ? 0 : 10_000.0 * blocking / lines);
    }
    out.printf(
        "  %-11s lines %d, blocking findings %d, per 10k lines %.2f%n",
        "all", allLines, allBlocking, allLines == 0 ? 0 : 10_000.0 * allBlocking / allLines);
    out.printf("%n-- rules by blocking findings (low findings beside) --%n");
    rules.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> -e.getValue().blocking))
        .forEach(
            e -> {
              RuleCount c = e.getValue();
              out.printf("  %-45s blocking %5d   low %5d%n", e.getKey(), c.blocking, c.low);
              c.examples.forEach(example -> out.println("      " + trim(example)));
            });
  }

  private static void collect(Path root, Map<Language, List<String>> names, int maxBytes)
      throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    if (Files.isRegularFile(root) && root.toString().endsWith(".zip")) {
      try (ZipFile zip = new ZipFile(root.toFile())) {
        zip.stream()
            .filter(entry -> !entry.isDirectory() && entry.getSize() <= maxBytes)
            .forEach(entry -> add(root + "!" + entry.getName(), names));
      }
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> size(file) <= maxBytes)
          .forEach(file -> add(file.toString(), names));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void add(String name, Map<Language, List<String>> names) {
    language(name).ifPresent(l -> names.computeIfAbsent(l, k -> new ArrayList<>()).add(name));
  }

  static Optional<Language> language(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 ? "" : lower.substring(dot + 1);
    return Optional.ofNullable(
        switch (ext) {
          case "py" -> Language.PYTHON;
          case "java" -> Language.JAVA;
          case "js", "mjs", "cjs" -> Language.JAVASCRIPT;
          case "ts" -> lower.endsWith(".d.ts") ? null : Language.TYPESCRIPT;
          case "go" -> Language.GO;
          case "rs" -> Language.RUST;
          case "c", "h" -> Language.C;
          case "cc", "cpp", "cxx", "hpp", "hh" -> Language.CPP;
          case "cs" -> Language.CSHARP;
          case "php" -> Language.PHP;
          case "rb" -> Language.RUBY;
          case "kt" -> Language.KOTLIN;
          case "sh" -> Language.BASH;
          default -> null;
        });
  }

  /** At most {@code max} names, spread evenly over the sorted list. */
  private static List<String> sample(List<String> names, int max) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    if (sorted.size() <= max) {
      return sorted;
    }
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      sample.add(sorted.get((int) ((long) i * sorted.size() / max)));
    }
    return sample;
  }

  private static Optional<String> read(String name, int maxBytes) {
    try {
      int bang = name.indexOf(".zip!");
      byte[] bytes;
      if (bang >= 0) {
        try (ZipFile zip = new ZipFile(name.substring(0, bang + 4))) {
          ZipEntry entry = zip.getEntry(name.substring(bang + 5));
          try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(maxBytes);
          }
        }
      } else {
        bytes = Files.readAllBytes(Path.of(name));
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static String shortName(String name) {
    String[] parts = name.split("/");
    return parts.length <= 2 ? name : parts[parts.length - 2] + "/" + parts[parts.length - 1];
  }

  private static String trim(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
