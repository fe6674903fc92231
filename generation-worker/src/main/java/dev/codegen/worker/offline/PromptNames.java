package dev.codegen.worker.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  private static final Set<String> RESERVED =
      Set.of(
          "if", "else", "while", "do", "switch", "case", "new", "import", "package", "def", "func",
          "var", "let", "const", "int", "long", "string", "boolean", "bool", "map", "type", "true",
          "false", "null", "none", "nil", "this", "self", "main", "echo", "test", "select", "range",
          "export", "default", "delete", "try", "catch", "throw", "yield", "async", "await",
          "print");

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

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
