package dev.codegen.worker.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.codegen.model.Language;
import dev.codegen.worker.generation.ModelRequest;
import dev.codegen.worker.generation.ModelResult;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.tokens.TokenCounter;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineCodeGeneratorTests {

  private static final Gates GATES = Gates.standard();

  @AfterAll
  static void closeGates() {
    GATES.close();
  }

  private static final TokenCounter COUNTER = new TokenCounter();
  private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

  private final OfflineCodeGenerator generator = new OfflineCodeGenerator(COUNTER, Runnable::run);

  @TempDir Path dir;

  static ModelResult.Answer generate(OfflineCodeGenerator generator, String prompt, Language lang) {
    return (ModelResult.Answer)
        generator
            .generate(new ModelRequest("j1", prompt, lang, 512, null, COUNTER.count(prompt)))
            .join();
  }

  static String code(ModelResult.Answer answer) {
    Matcher m = FENCE.matcher(answer.text());
    assertThat(m.find()).isTrue();
    return m.group(2);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void saysItIsOfflineInEveryLanguageAndPassesTheOutputGates(Language language) {
    ModelResult.Answer answer =
        generate(generator, "write a function that reverses a string", language);

    assertThat(answer.provider()).isEqualTo("offline");
    assertThat(answer.model()).isEqualTo("offline-template-1");
    assertThat(answer.offline()).isTrue();
    assertThat(answer.text()).startsWith("Offline provider").contains("```" + language.wireName());
    assertThat(code(answer)).contains("Generated offline by offline-template-1");
    assertThat(answer.usage().inputTokens())
        .isEqualTo(COUNTER.count("write a function that reverses a string"));
    assertThat(answer.usage().outputTokens()).isEqualTo(COUNTER.count(answer.text()));
    assertThat(GATES.checkOutput(answer.text(), language).findings()).isEmpty();
  }

  @Test
  void reportsItsOwnModelToTheGuardRailsAndSendsNoInstructions() {
    assertThat(generator.modelFor(null)).isEqualTo(OfflineCodeGenerator.MODEL);
    assertThat(generator.modelFor("gpt-4")).isEqualTo(OfflineCodeGenerator.MODEL);
    assertThat(generator.instructions(Language.JAVA)).isEmpty();
  }

  @Test
  void answersOnTheExecutorItIsGivenNotTheCallersThread() {
    ExecutorService pool =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "answers-here"));
    try {
      OfflineCodeGenerator onPool = new OfflineCodeGenerator(COUNTER, pool);
      // Holds the pool until the continuation below is attached, so it runs where the answer did.
      CompletableFuture<Void> hold = new CompletableFuture<>();
      pool.execute(hold::join);

      CompletableFuture<String> thread =
          onPool
              .generate(new ModelRequest("j1", "add two numbers", Language.JAVA, 512, null, 3))
              .thenApply(answer -> Thread.currentThread().getName());
      hold.complete(null);

      assertThat(thread.join()).isEqualTo("answers-here");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void isDeterministic() {
    assertThat(generate(generator, "count vowels", Language.GO))
        .isEqualTo(generate(generator, "count vowels", Language.GO));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "write a function that reverses a string",
        "compute the factorial of n",
        "write a function that validates a password",
        "class */ public static void main(String[] x) { // if while",
        "!!!",
      })
  void javaOutputCompiles(String prompt) {
    String code = code(generate(generator, prompt, Language.JAVA));
    Matcher name = Pattern.compile("public class (\\w+)").matcher(code);
    assertThat(name.find()).isTrue();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        };
    boolean ok =
        javac
            .getTask(null, null, diagnostics, List.of("-d", dir.toString()), null, List.of(source))
            .call();

    assertThat(diagnostics.getDiagnostics()).isEmpty();
    assertThat(ok).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reverse a string", "factorial of 5", "build a fastapi ping"})
  void pythonOutputCompiles(String prompt) throws Exception {
    assumeThat(onPath("python3")).isTrue();
    Path file = dir.resolve("snippet.py");
    Files.writeString(file, code(generate(generator, prompt, Language.PYTHON)));

    assertThat(run("python3", "-m", "py_compile", file.toString())).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reverse a string", "factorial of 5", "build a fastapi ping"})
  void javascriptAndBashOutputParse(String prompt) throws Exception {
    if (onPath("node")) {
      Path js = dir.resolve("snippet.js");
      Files.writeString(js, code(generate(generator, prompt, Language.JAVASCRIPT)));
      assertThat(run("node", "--check", js.toString())).isZero();
    }
    Path sh = dir.resolve("snippet.sh");
    Files.writeString(sh, code(generate(generator, prompt, Language.BASH)));
    assertThat(run("bash", "-n", sh.toString())).isZero();
  }

  static Stream<Arguments> everyLanguageAndIntent() {
    return Arrays.stream(Language.values())
        .flatMap(
            language ->
                Stream.of(
                    Arguments.of(language, "write a function that reverses a string", "reverse"),
                    Arguments.of(language, "compute the factorial of n", "factorial"),
                    Arguments.of(language, "count vowels in text", "vowels")));
  }

  @ParameterizedTest
  @MethodSource("everyLanguageAndIntent")
  void rendersEveryLanguageAndIntentWithoutLeftoverPlaceholders(
      Language language, String prompt, String namedAfter) {
    ModelResult.Answer answer = generate(generator, prompt, language);
    String code = code(answer);

    assertThat(code)
        .doesNotContain("{{")
        .contains("Generated offline by offline-template-1")
        .containsIgnoringCase(namedAfter)
        .endsWith("\n");
    assertThat(GATES.checkOutput(answer.text(), language).findings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fn", "end", "user", "list", "console", "unsafe", "table"})
  void aKeywordOfANewLanguageIsNotAName(String prompt) {
    assertThat(PromptNames.of(prompt, "count_words").snake()).isEqualTo("count_words");
  }

  /** Kotlin is left out: kotlinc takes some 15 s a file. */
  static Stream<Arguments> checkedByTheirOwnTools() {
    return Stream.of(
        Arguments.of(Language.C, "snippet.c", List.of("gcc", "-std=c11", "-fsyntax-only")),
        Arguments.of(Language.CPP, "snippet.cpp", List.of("g++", "-std=c++17", "-fsyntax-only")),
        Arguments.of(
            Language.RUST, "snippet.rs", List.of("rustc", "--edition", "2021", "--emit=metadata")),
        Arguments.of(Language.PHP, "snippet.php", List.of("php", "-l")),
        Arguments.of(Language.RUBY, "snippet.rb", List.of("ruby", "-c")),
        Arguments.of(Language.CSHARP, "snippet.cs", List.of("mcs", "-target:exe")));
  }

  @ParameterizedTest
  @MethodSource("checkedByTheirOwnTools")
  void newLanguagesCompileWithTheirOwnTools(Language language, String file, List<String> tool)
      throws Exception {
    assumeThat(onPath(tool.get(0))).as(tool.get(0) + " installed").isTrue();
    for (String prompt :
        List.of(
            "reverse a string",
            "factorial of 5",
            "build a fastapi ping",
            "count */ vowels \" end\\n {{name}}")) {
      Path dirForPrompt = Files.createTempDirectory(dir, "snippet");
      Path source = dirForPrompt.resolve(file);
      Files.writeString(source, code(generate(generator, prompt, language)));
      List<String> command = new ArrayList<>(tool);
      if (language == Language.RUST) {
        command.addAll(List.of("--out-dir", dirForPrompt.toString()));
      }
      if (language == Language.CSHARP) {
        command.add("-out:" + dirForPrompt.resolve("snippet.exe"));
      }
      command.add(source.toString());

      assertThat(run(command.toArray(String[]::new))).as(prompt).isZero();
    }
  }

  @Test
  void namesIdentifiersAfterThePromptSafely() {
    PromptNames names = PromptNames.of("Write a function that counts vowels in text", "x_y");
    assertThat(names.camel()).isEqualTo("countsVowelsText");
    assertThat(names.pascal()).isEqualTo("CountsVowelsText");
    assertThat(names.snake()).isEqualTo("counts_vowels_text");
    assertThat(PromptNames.of("write a while", "count_words").camel()).isEqualTo("countWords");
    assertThat(PromptNames.of("write a rust function that counts vowels", "x").snake())
        .isEqualTo("counts_vowels");
    assertThat(PromptNames.summary("a */ b\n\"c\"")).isEqualTo("a b c");
    assertThat(PromptNames.summary("x".repeat(100))).endsWith(" ...").hasSize(84);
  }

  private static boolean onPath(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, tool))) {
        return true;
      }
    }
    return false;
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0) {
      System.err.println(output);
    }
    return process.exitValue();
  }
}
