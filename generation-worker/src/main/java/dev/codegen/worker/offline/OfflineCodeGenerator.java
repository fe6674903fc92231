package dev.codegen.worker.offline;

import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelRequest;
import dev.codegen.worker.generation.ModelResult;
import dev.codegen.worker.tokens.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A deterministic stand-in for a model: no network, no key. It answers with real, compilable code
 * for a few recognised requests (reverse a string, a factorial) and a word-counting function named
 * after the prompt otherwise, in every {@link Language}, and says plainly that it is offline, so
 * the whole pipeline and its plugins have real work without a model. A repair (code and diagnostics
 * sent back) is answered with the template for the original prompt, which compiles: the repair
 * round is deterministic offline too.
 */
public final class OfflineCodeGenerator implements CodeGenerator {

  public static final String PROVIDER = "offline";
  public static final String MODEL = "offline-template-1";

  static final String BANNER =
      "Generated offline by " + MODEL + " (CodeGen offline provider): no model was called.";

  private enum Intent {
    REVERSE("reverse", "reverse_string"),
    FACTORIAL("factorial", "factorial"),
    WORDS("words", "count_words");

    final String template;
    final String defaultName;

    Intent(String template, String defaultName) {
      this.template = template;
      this.defaultName = defaultName;
    }
  }

  private final TokenCounter counter;
  private final Executor executor;
  private final Map<Intent, Map<Language, String>> templates = new EnumMap<>(Intent.class);

  /**
   * @param executor where answers are made (the CPU pool): jobs start on the request consumer's
   *     thread, and an answer completed there would keep that thread for the job's output gates and
   *     publishing as well
   */
  public OfflineCodeGenerator(TokenCounter counter, Executor executor) {
    this.counter = counter;
    this.executor = executor;
    for (Intent intent : Intent.values()) {
      Map<Language, String> byLanguage = new EnumMap<>(Language.class);
      for (Language language : Language.values()) {
        byLanguage.put(language, load(intent.template + "." + language.wireName()));
      }
      templates.put(intent, byLanguage);
    }
  }

  /** Always {@link #MODEL}: no model is called, whichever the request names. */
  @Override
  public String modelFor(String requested) {
    return MODEL;
  }

  @Override
  public CompletableFuture<ModelResult> generate(ModelRequest request) {
    return CompletableFuture.supplyAsync(() -> answer(request), executor);
  }

  private ModelResult answer(ModelRequest request) {
    String prompt = request.repair() == null ? request.prompt() : request.repair().originalPrompt();
    Intent intent = intentOf(prompt);
    PromptNames names =
        intent == Intent.WORDS
            ? PromptNames.of(prompt, intent.defaultName)
            : PromptNames.of(intent.defaultName, intent.defaultName);
    String code =
        templates
            .get(intent)
            .get(request.language())
            .replace("{{banner}}", BANNER)
            .replace("{{summary}}", PromptNames.summary(prompt))
            .replace("{{Type}}", names.pascal())
            .replace("{{name}}", names.camel())
            .replace("{{snake}}", names.snake());
    String text =
        "Offline provider: no model was called; this is template code for a "
            + request.language().wireName()
            + (request.repair() == null ? " request" : " request, in place of the code refused")
            + ".\n\n```"
            + request.language().wireName()
            + "\n"
            + code
            + "```\n";
    return new ModelResult.Answer(
        PROVIDER, MODEL, text, true, TokenUsage.of(request.inputTokens(), counter.count(text)));
  }

  private static Intent intentOf(String prompt) {
    String lower = prompt.toLowerCase(Locale.ROOT);
    if (lower.contains("revers")) {
      return Intent.REVERSE;
    }
    if (lower.contains("factorial")) {
      return Intent.FACTORIAL;
    }
    return Intent.WORDS;
  }

  private static String load(String name) {
    try (InputStream in = OfflineCodeGenerator.class.getResourceAsStream("templates/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing offline template " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
