package dev.codegen.plugin.tests;

import dev.codegen.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the tests of an answer in one language are run inside the sandbox.
 *
 * @param runner what runs them, for the report, e.g. {@code python unittest}
 * @param tool the executable that must be on the sandbox's {@code PATH}
 * @param fileName the code's name in the sandbox's work directory
 * @param command the command run in the work directory
 * @param parser reads the runner's output
 */
record TestSuite(
    String runner,
    String tool,
    String fileName,
    List<String> command,
    Function<String, TestResults> parser) {

  static final String PYTHON_HARNESS = resource("tests/python_tests.py");

  private static final Pattern PYTHON_TESTS =
      Pattern.compile(
          "(?m)^\\s*class\\s+\\w+\\s*\\(\\s*(unittest\\.)?(Isolated)?(Async)?TestCase\\s*\\)"
              + "|^(async\\s+)?def\\s+test\\w*\\s*\\(");
  private static final Pattern NODE_TESTS = Pattern.compile("['\"]node:test['\"]");
  private static final Pattern ES_MODULE = Pattern.compile("(?m)^\\s*(import|export)\\s");
  private static final Pattern RUST_TESTS = Pattern.compile("#\\[test\\]");
  private static final Pattern GO_TESTS =
      Pattern.compile("(?m)^func\\s+Test\\w*\\s*\\(\\s*\\w+\\s+\\*testing\\.T\\s*\\)");

  /** The suite for tests found in {@code code}, or empty when it has none this stage can run. */
  static Optional<TestSuite> detect(Language language, String code) {
    if (language == null) {
      return Optional.empty();
    }
    return switch (language) {
      case PYTHON -> PYTHON_TESTS.matcher(code).find() ? Optional.of(python()) : Optional.empty();
      case JAVASCRIPT ->
          NODE_TESTS.matcher(code).find() ? Optional.of(node(code)) : Optional.empty();
      case RUST -> RUST_TESTS.matcher(code).find() ? Optional.of(rust()) : Optional.empty();
      case GO -> GO_TESTS.matcher(code).find() ? Optional.of(go()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static TestSuite python() {
    return new TestSuite(
        "python unittest",
        "python3",
        "snippet.py",
        List.of("python3", "-I", "-c", PYTHON_HARNESS),
        TestOutput::python);
  }

  private static TestSuite node(String code) {
    String file = ES_MODULE.matcher(code).find() ? "snippet.test.mjs" : "snippet.test.cjs";
    return new TestSuite(
        "node --test",
        "node",
        file,
        List.of("node", "--test", "--test-reporter=tap", file),
        TestOutput::node);
  }

  private static TestSuite rust() {
    // Compiled in the sandbox too: a build can read files (include_str!) and run code.
    return new TestSuite(
        "rustc --test",
        "rustc",
        "snippet.rs",
        List.of(
            "/bin/sh",
            "-c",
            "rustc --edition=2021 --test -C debuginfo=0 -C strip=debuginfo"
                + " -o snippet-tests snippet.rs && exec ./snippet-tests --test-threads=1"),
        TestOutput::rust);
  }

  private static TestSuite go() {
    // The answer is the package and its tests in one _test.go file of a module made for it; the
    // build cache lives in the sandbox's /tmp, and nothing is fetched (no network anyway).
    return new TestSuite(
        "go test",
        "go",
        "snippet_test.go",
        List.of(
            "/bin/sh",
            "-c",
            "printf 'module snippet\\n\\ngo 1.19\\n' > go.mod && GOCACHE=/tmp/go-cache"
                + " GOPATH=/tmp/go GOPROXY=off GOTOOLCHAIN=local GOFLAGS=-mod=mod"
                + " exec go test -vet=off -count=1 -v ."),
        TestOutput::go);
  }

  private static String resource(String name) {
    try (InputStream in = TestSuite.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
