package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every configured check examined a job's code. A check that could not run (its tool is not
 * installed, the language has no checker, it timed out or broke) is listed in {@code missing} and
 * makes the checks {@link CheckStatus#INCOMPLETE}: such a job is never reported as if it had been
 * checked. {@code null} on a job that never reached the checks (rejected, failed before).
 *
 * @param status {@code complete} when nothing is missing, else {@code incomplete}
 * @param missing the checks that did not run, in stage order
 */
public record Checks(CheckStatus status, List<MissingCheck> missing) {

  private static final Checks COMPLETE = new Checks(CheckStatus.COMPLETE, List.of());

  public Checks {
    missing = missing == null ? List.of() : List.copyOf(missing);
    // The status follows from the list, whatever a producer wrote.
    status = missing.isEmpty() ? CheckStatus.COMPLETE : CheckStatus.INCOMPLETE;
  }

  /** Nothing missing (so far). */
  public static Checks complete() {
    return COMPLETE;
  }

  /** These checks with one more missing. */
  public Checks with(MissingCheck gap) {
    List<MissingCheck> all = new ArrayList<>(missing);
    all.add(gap);
    return new Checks(CheckStatus.INCOMPLETE, all);
  }

  /** Whether every check ran. */
  @JsonIgnore
  public boolean isComplete() {
    return status == CheckStatus.COMPLETE;
  }
}
