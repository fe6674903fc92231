package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.util.List;

/**
 * What a checker process answered for one source.
 *
 * @param kind how the check ended
 * @param diagnostics what it found, when {@link Kind#CHECKED}
 * @param detail why it did not check, otherwise
 */
record CheckAnswer(Kind kind, List<Diagnostic> diagnostics, String detail) {

  enum Kind {
    /** The checker read the source; the diagnostics (possibly none) are its findings. */
    CHECKED,
    /** The checker for this language is not installed (e.g. the typescript module). */
    MISSING,
    /** The checker broke or died while checking. */
    ERROR,
    /** The checker overran the time limit and was killed. */
    TIMEOUT
  }

  CheckAnswer {
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
  }

  static CheckAnswer checked(List<Diagnostic> diagnostics) {
    return new CheckAnswer(Kind.CHECKED, diagnostics, null);
  }

  static CheckAnswer missing(String detail) {
    return new CheckAnswer(Kind.MISSING, List.of(), detail);
  }

  static CheckAnswer error(String detail) {
    return new CheckAnswer(Kind.ERROR, List.of(), detail);
  }

  static CheckAnswer timeout(String detail) {
    return new CheckAnswer(Kind.TIMEOUT, List.of(), detail);
  }
}
