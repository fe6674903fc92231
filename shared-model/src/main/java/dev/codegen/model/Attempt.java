package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One answer of the model to a job and what the checks made of it. A job whose code failed a check
 * or a test is answered once more with the diagnostics (the repair round); its outcome then lists
 * both attempts and says which one it returns.
 *
 * @param attempt 1 for the first answer, 2 for the repair
 * @param verdict {@code passed}, {@code failed} (a check or a test failed), or {@code not_made}
 *     (the repair was not made: over a token limit, the model failed, its answer was refused by a
 *     safety gate, or the job was cancelled)
 * @param code the code the checks judged, or {@code null} when no code was judged
 * @param usage the tokens this attempt's model call cost, or {@code null} when none was made
 * @param failure why the attempt did not pass, or {@code null} when it passed
 * @param diagnostics the failing check's diagnostics (line, column, message), possibly empty
 */
public record Attempt(
    int attempt,
    Verdict verdict,
    String code,
    TokenUsage usage,
    Failure failure,
    List<Diagnostic> diagnostics) {

  /** The first answer and the one repair: no job makes a third model call. */
  public static final int LAST = 2;

  public Attempt {
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
  }

  /** What the checks made of one attempt. */
  public enum Verdict {
    PASSED,
    FAILED,
    NOT_MADE;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Verdict fromJson(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
