package dev.codegen.worker.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Safe identifiers and a comment-safe summary derived from a prompt. Only ASCII letters and digits
 * survive, so nothing a user writes can break out of an identifier or a line comment.
 */
final class PromptNames {

  private static final Set<String> FILLER =
      Set.of(
          "a",
          "an",
          "the",
          "write",
          "create",
          "make",
          "build",
          "implement",
          "generate",
          "please",
          "function",
          "method",
          "class",
          "program",
          "script",
          "code",
          "that",
          "which",
          "to",
          "in",
          "of",
          "for",
          "and",
          "with",
          "me",
          "simple",
          "small",
          "returns",
          "return",
          "given",
          "some",
          "java",
          "python",
          "javascript",
          "typescript",
          "go",
          "golang",
          "bash",
          "shell",
          "kotlin",
          "rust",
          "c",
          "cpp",
          "csharp",
          "php",
          "ruby",
          "sql",
          "postgresql",
          "postgres",
          "it",
          "is",
          "can",
          "using",
          "from",
          "on",
          "by",
          "my",
          "i",
          "want",
          "need",
          "should",
          "takes");

  /**
   * Words that cannot name a function in one of the languages (keywords), or that would clash with
   * what a template uses. Only a name of one word can be one: longer names are joined with {@code
   * _} or in camel case, which no keyword is.
   */
  private static final Set<String> RESERVED =
      wordsOf(
          "if else while do switch case new import package def func var let const int long string"
              + " boolean bool map type true false null none nil this self main echo test select"
              + " range export default delete try catch throw yield async await print",
          // Kotlin
          "fun val when object interface typealias typeof super break continue as",
          // Rust
          "fn mut impl struct enum match loop mod use pub ref where move crate extern trait"
              + " unsafe dyn static box priv macro abstract become final override unsized virtual",
          // C and C++
          "auto char double float short signed unsigned sizeof typedef union void volatile"
              + " register restrict inline goto namespace template typename operator friend"
              + " private public protected explicit mutable constexpr consteval constinit nullptr"
              + " decltype noexcept concept requires asm and or not xor bitand bitor compl",
          // C#: methods are PascalCase, so only what the templates call clashes
          "console array",
          // PHP (case-insensitive keywords)
          "list exit die empty isset unset eval include require clone global callable insteadof"
              + " instanceof foreach elseif endif endfor endforeach endwhile endswitch enddeclare"
              + " declare extends implements readonly",
          // Ruby
          "end begin module then unless until rescue ensure redo retry undef alias defined elsif"
              + " next",
          // PostgreSQL: reserved, and column-name keywords that cannot name a function
          "all analyse analyze any asc asymmetric both cast check collate column constraint"
              + " deferrable desc distinct except fetch foreign grant group having initially"
              + " intersect into lateral leading limit localtime localtimestamp offset only order"
              + " placing primary references returning symmetric table trailing unique user"
              + " variadic window between bigint bit character coalesce dec decimal exists extract"
              + " greatest grouping inout integer interval least national nchar normalize nullif"
              + " numeric out overlay position precision real row setof smallint substring time"
              + " timestamp treat trim values varchar");

  private final List<String> words;

  private PromptNames(List<String> words) {
    this.words = words;
  }

  static PromptNames of(String prompt, String fallback) {
    List<String> picked = new ArrayList<>();
    for (String word : prompt.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty()
          && Character.isLetter(word.charAt(0))
          && !FILLER.contains(word)
          && word.length() <= 20
          && picked.size() < 3) {
        picked.add(word);
      }
    }
    if (picked.isEmpty() || (picked.size() == 1 && RESERVED.contains(picked.get(0)))) {
      picked = new ArrayList<>(Arrays.asList(fallback.split("_")));
    }
    return new PromptNames(List.copyOf(picked));
  }

  /** lowerCamelCase, e.g. {@code countVowels}. */
  String camel() {
    StringBuilder out = new StringBuilder(words.get(0));
    words.stream().skip(1).forEach(w -> out.append(capitalize(w)));
    return out.toString();
  }

  /** UpperCamelCase, e.g. {@code CountVowels}. */
  String pascal() {
    return capitalize(camel());
  }

  /** snake_case, e.g. {@code count_vowels}. */
  String snake() {
    return String.join("_", words);
  }

  /** The prompt reduced to letters, digits and spaces, at most 80 characters. */
  static String summary(String prompt) {
    String plain = prompt.replaceAll("[^A-Za-z0-9 ]+", " ").replaceAll("\\s+", " ").strip();
    return plain.length() <= 80 ? plain : plain.substring(0, 80).strip() + " ...";
  }

  private static Set<String> wordsOf(String... groups) {
    return Arrays.stream(groups)
        .flatMap(group -> Arrays.stream(group.split(" ")))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
