package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Language;

/**
 * Which lines are only a comment, by the language's line-comment markers and the {@code *} that
 * continues a block comment. Text that describes a call ({@code // never eval() user input}) is not
 * the call; what a comment says is left to the rules that opt in ({@code in_comments}).
 */
final class Comments {

  private Comments() {}

  /** True when {@code line}, less its indentation, is a comment in {@code language}. */
  static boolean isCommentLine(String line, Language language) {
    String code = line.stripLeading();
    if (code.isEmpty()) {
      return false;
    }
    return switch (language) {
      case PYTHON, RUBY, BASH -> code.startsWith("#") && !code.startsWith("#{");
      case SQL -> code.startsWith("--");
      case PHP -> code.startsWith("#") && !code.startsWith("#[") || cStyle(code);
      default -> cStyle(code);
    };
  }

  private static boolean cStyle(String code) {
    if (code.startsWith("//") || code.startsWith("/*")) {
      return true;
    }
    // " * text" continuing a block comment, not "*ptr = value" (a dereference)
    return code.startsWith("*")
        && (code.length() == 1
            || code.charAt(1) == ' '
            || code.charAt(1) == '/'
            || code.charAt(1) == '\t');
  }
}
