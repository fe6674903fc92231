package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.util.List;

/**
 * What a checker process answered for one source.
 *
 * @param kind how the check or formatting ended
 * @param diagnostics what it found, when {@link Kind#CHECKED}
 * @param detail why it did not check or format, for {@link Kind#MISSING}, {@link Kind#ERROR},
 *     {@link Kind#TIMEOUT} and {@link Kind#UNFORMATTED}
 * @param formatted the formatter's output, when {@link Kind#FORMATTED}
 */
record CheckAnswer(Kind kind, List<Diagnostic> diagnostics, String detail, String formatted) {

  enum Kind {
    /** The checker read the source; the diagnostics (possibly none) are its findings. */
    CHECKED,
    /** The formatter printed the source in its style. */
    FORMATTED,
    /** The formatter could not read the source (it does not parse); the code stays as it was. */
    UNFORMATTED,
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

  CheckAnswer(Kind kind, List<Diagnostic> diagnostics, String detail) {
    this(kind, diagnostics, detail, null);
  }

  static CheckAnswer checked(List<Diagnostic> diagnostics) {
    return new CheckAnswer(Kind.CHECKED, diagnostics, null);
  }

  static CheckAnswer formatted(String code) {
    return new CheckAnswer(Kind.FORMATTED, List.of(), null, code);
  }

  static CheckAnswer unformatted(String detail) {
    return new CheckAnswer(Kind.UNFORMATTED, List.of(), detail);
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

  /** Whether the process answered normally and can take the next request. */
  boolean answered() {
    return kind == Kind.CHECKED
        || kind == Kind.FORMATTED
        || kind == Kind.UNFORMATTED
        || kind == Kind.MISSING;
  }
}
