package dev.codegen.worker.generation.gate.secrets;

import dev.codegen.model.Finding;
import dev.codegen.worker.generation.gate.GatePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in false-positive proxy: {@link SecretScanner} over real text that holds no live secrets
 * (language standard libraries, JDK sources, package documentation, node modules on this machine),
 * cut into 4 KB chunks the size of a generated file or a long prompt. Prints, per rule, findings
 * and blocking findings per MB and a few redacted examples, and the share of chunks the standard
 * policy would block. Run with {@code -Dcodegen.fp.roots=/usr/lib/python3.11:/usr/share/go-1.19/src
 * :/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip} ({@code :}-separated; a {@code .zip} is read
 * entry by entry), optionally {@code -Dcodegen.fp.maxmb=40} per root (default 60).
 *
 * <p>Test fixtures are reported apart, not dropped: files under {@code testdata}, {@code test} or
 * {@code tests} directories and {@code *_test.go} / {@code test_*.py} files deliberately embed
 * real-format private keys and tokens (Go's crypto/tls, Python's ssl tests) to exercise parsers;
 * flagging those is the scanner doing its job, so they are kept out of the headline rate.
 */
@EnabledIfSystemProperty(named = "codegen.fp.roots", matches = ".+")
class SecretFalsePositiveProxyTests {

  static final int CHUNK = 4096;
  private static final long MAX_FILE = 2_000_000;
  private static final Pattern TEXT_FILE =
      Pattern.compile(
          "(?i).*\\.(?:py|pyi|go|java|js|mjs|cjs|ts|json|md|markdown|txt|rst|html?|xml|ya?ml|toml"
              + "|ini|cfg|conf|sh|c|h|s|properties|csv|pem|crt|key|env|rb|pl|tmpl|gotmpl)$"
              + "|.*/(?:README|NEWS|CHANGELOG|changelog|copyright)[^/]*$");
  private static final Pattern FIXTURE =
      Pattern.compile(
          "(?:^|/)(?:testdata|tests?|__tests__|fixtures?)/|_test\\.go$|/test_[^/]*\\.py$");

  private final SecretScanner scanner = new SecretScanner("output.secrets");

  /** Counts for one part of the proxy (non-fixture text or fixtures). */
  static final class Tally {
    long bytes;
    long chunks;
    long blockedChunks;
    final Map<String, long[]> perRule = new TreeMap<>();
    final Map<String, List<String>> examples = new TreeMap<>();

    void add(String where, String chunk, List<Finding> findings) {
      bytes += chunk.length();
      chunks++;
      boolean blocked = false;
      for (Finding finding : findings) {
        boolean blocks = GatePolicy.STANDARD.blocks(finding);
        blocked |= blocks;
        long[] counts = perRule.computeIfAbsent(finding.rule(), r -> new long[2]);
        counts[0]++;
        counts[1] += blocks ? 1 : 0;
        List<String> list = examples.computeIfAbsent(finding.rule(), r -> new ArrayList<>());
        if (list.size() < 6) {
          String[] lines = chunk.split("\n", -1);
          String line = finding.line() <= lines.length ? lines[finding.line() - 1] : "";
          // the raw line with every long run cut to its first six characters
          list.add(where + ":" + finding.line() + "  " + shorten(line.strip()));
        }
      }
      blockedChunks += blocked ? 1 : 0;
    }

    void print(String title) {
      double mb = bytes / 1e6;
      System.out.printf(
          Locale.ROOT,
          "%n==== %s: %.1f MB, %d chunks of %d B, blocked %d (%.2f%%), %.2f blocking findings/MB"
              + " ====%n",
          title,
          mb,
          chunks,
          CHUNK,
          blockedChunks,
          chunks == 0 ? 0 : 100.0 * blockedChunks / chunks,
          perRule.values().stream().mapToLong(c -> c[1]).sum() / Math.max(mb, 1e-9));
      perRule.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
          .forEach(
              e -> {
                System.out.printf(
                    Locale.ROOT,
                    "  %-45s %6d findings %8.3f/MB  blocking %6d%n",
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[0] / Math.max(mb, 1e-9),
                    e.getValue()[1]);
                examples.get(e.getKey()).forEach(x -> System.out.println("      " + x));
              });
    }
  }

  @Test
  void measure() throws IOException {
    long maxBytes =
        (long) (Double.parseDouble(System.getProperty("codegen.fp.maxmb", "60")) * 1_000_000);
    Tally text = new Tally();
    Tally fixtures = new Tally();
    for (String root : System.getProperty("codegen.fp.roots").split(":")) {
      if (root.isBlank()) {
        continue;
      }
      long before = text.bytes + fixtures.bytes;
      Path path = Path.of(root);
      long start = System.nanoTime();
      if (root.endsWith(".zip")) {
        scanZip(path, before + maxBytes, text, fixtures);
      } else {
        scanTree(path, before + maxBytes, text, fixtures);
      }
      System.out.printf(
          Locale.ROOT,
          "root %s: %.1f MB in %.1f s%n",
          root,
          (text.bytes + fixtures.bytes - before) / 1e6,
          (System.nanoTime() - start) / 1e9);
    }
    text.print("proxy text (fixtures excluded)");
    fixtures.print("test fixtures (reported apart)");
  }

  private void scanTree(Path root, long until, Tally text, Tally fixtures) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> TEXT_FILE.matcher(p.toString()).matches())
              .sorted()
              .toList();
    }
    for (Path file : files) {
      if (text.bytes + fixtures.bytes >= until) {
        return;
      }
      try {
        if (Files.size(file) > MAX_FILE) {
          continue;
        }
        scanFile(file.toString(), Files.readAllBytes(file), text, fixtures);
      } catch (IOException | UncheckedIOException e) {
        // unreadable files are skipped
      }
    }
  }

  private void scanZip(Path zip, long until, Tally text, Tally fixtures) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null && text.bytes + fixtures.bytes < until) {
        if (!entry.isDirectory() && TEXT_FILE.matcher(entry.getName()).matches()) {
          byte[] bytes = readUpTo(in, MAX_FILE);
          if (bytes != null) {
            scanFile(zip + "!/" + entry.getName(), bytes, text, fixtures);
          }
        }
      }
    }
  }

  private static byte[] readUpTo(InputStream in, long max) throws IOException {
    byte[] bytes = in.readNBytes((int) max + 1);
    return bytes.length > max ? null : bytes;
  }

  private void scanFile(String where, byte[] bytes, Tally text, Tally fixtures) {
    String content;
    try {
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return;
    }
    if (content.indexOf('\0') >= 0) {
      return;
    }
    Tally tally = FIXTURE.matcher(where).find() ? fixtures : text;
    for (String chunk : chunks(content)) {
      tally.add(where, chunk, scanner.scan(chunk, null));
    }
  }

  /** {@code content} cut into pieces of about {@link #CHUNK} characters at line breaks. */
  static List<String> chunks(String content) {
    List<String> chunks = new ArrayList<>();
    int at = 0;
    while (at < content.length()) {
      int end = Math.min(content.length(), at + CHUNK);
      if (end < content.length()) {
        int nl = content.lastIndexOf('\n', end);
        if (nl > at + CHUNK / 2) {
          end = nl + 1;
        }
      }
      chunks.add(content.substring(at, end));
      at = end;
    }
    return chunks;
  }

  /** One line, at most 150 characters, long runs cut so that no full value is printed. */
  static String shorten(String text) {
    String line = text.replace("\n", "\\n");
    line = line.replaceAll("([A-Za-z0-9+/_=-]{6})[A-Za-z0-9+/_=-]{6,}", "$1…");
    return line.length() <= 150 ? line : line.substring(0, 150) + "…";
  }
}
