package dev.codegen.plugin.extract;

import dev.codegen.model.Language;
import java.util.Map;
import java.util.Set;

/** The fence tags models use for each language. */
final class LanguageTags {

  private static final Map<Language, Set<String>> TAGS =
      Map.ofEntries(
          Map.entry(Language.JAVA, Set.of("java")),
          Map.entry(Language.PYTHON, Set.of("python", "py", "python3", "py3")),
          Map.entry(
              Language.JAVASCRIPT,
              Set.of("javascript", "js", "node", "nodejs", "jsx", "mjs", "cjs")),
          Map.entry(Language.TYPESCRIPT, Set.of("typescript", "ts", "tsx")),
          Map.entry(Language.GO, Set.of("go", "golang")),
          Map.entry(Language.BASH, Set.of("bash", "sh", "shell", "zsh")),
          Map.entry(Language.KOTLIN, Set.of("kotlin", "kt", "kts")),
          Map.entry(Language.RUST, Set.of("rust", "rs")),
          Map.entry(Language.C, Set.of("c", "h")),
          Map.entry(Language.CPP, Set.of("cpp", "c++", "cc", "cxx", "hpp", "hxx", "hh", "h++")),
          Map.entry(Language.CSHARP, Set.of("csharp", "cs", "c#")),
          Map.entry(Language.PHP, Set.of("php", "php8")),
          Map.entry(Language.RUBY, Set.of("ruby", "rb")),
          Map.entry(
              Language.SQL,
              Set.of(
                  "sql",
                  "postgresql",
                  "postgres",
                  "psql",
                  "pgsql",
                  "plpgsql",
                  "mysql",
                  "mariadb",
                  "sqlite",
                  "sqlite3",
                  "tsql",
                  "plsql")));

  private LanguageTags() {}

  static boolean matches(String tag, Language language) {
    return language != null && TAGS.getOrDefault(language, Set.of()).contains(tag);
  }
}
