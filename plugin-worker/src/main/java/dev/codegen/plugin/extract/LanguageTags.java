package dev.codegen.plugin.extract;

import dev.codegen.model.Language;
import java.util.Map;
import java.util.Set;

/** The fence tags models use for each language. */
final class LanguageTags {

  private static final Map<Language, Set<String>> TAGS =
      Map.of(
          Language.JAVA, Set.of("java"),
          Language.PYTHON, Set.of("python", "py", "python3", "py3"),
          Language.JAVASCRIPT, Set.of("javascript", "js", "node", "nodejs", "jsx", "mjs", "cjs"),
          Language.TYPESCRIPT, Set.of("typescript", "ts", "tsx"),
          Language.GO, Set.of("go", "golang"),
          Language.BASH, Set.of("bash", "sh", "shell", "zsh"));

  private LanguageTags() {}

  static boolean matches(String tag, Language language) {
    return language != null && TAGS.get(language).contains(tag);
  }
}
