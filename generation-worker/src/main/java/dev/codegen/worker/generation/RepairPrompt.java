package dev.codegen.worker.generation;

import dev.codegen.model.Attempt;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import java.util.List;

/**
 * The input of a repair call: the user's request, the code the checks refused and what they said,
 * bounded. Built here, not in a provider, so the token guard rails count exactly what is sent.
 */
public final class RepairPrompt {

  /** Diagnostics listed; a compiler's first errors are the ones that matter. */
  static final int LISTED = 20;

  /** Longest diagnostic message kept (a test run's output can be long). */
  static final int MESSAGE_LENGTH = 500;

  private RepairPrompt() {}

  /** The text sent to the model to repair {@code failed}, an answer to {@code prompt}. */
  public static String of(String prompt, Language language, Attempt failed) {
    StringBuilder text =
        new StringBuilder("Your previous answer to this request failed its checks:\n\n")
            .append(prompt)
            .append("\n\nThe code you answered with:\n\n```")
            .append(language.wireName())
            .append('\n')
            .append(failed.code() == null ? "" : failed.code().stripTrailing())
            .append("\n```\n\nWhat the checks said");
    String rule = failed.failure() == null ? null : failed.failure().rule();
    text.append(rule == null ? "" : " (" + rule + ")").append(":\n");
    List<Diagnostic> diagnostics = failed.diagnostics();
    if (diagnostics.isEmpty() && failed.failure() != null) {
      text.append("- ").append(bounded(failed.failure().message())).append('\n');
    }
    diagnostics.stream().limit(LISTED).forEach(d -> text.append("- ").append(line(d)).append('\n'));
    if (diagnostics.size() > LISTED) {
      text.append("- and ").append(diagnostics.size() - LISTED).append(" more\n");
    }
    return text.append("\nFix the code. Answer with the whole corrected code.").toString();
  }

  private static String line(Diagnostic d) {
    String where =
        d.line() > 0 ? "line " + d.line() + (d.column() > 0 ? ":" + d.column() : "") + " " : "";
    String severity = d.severity() == null ? "" : d.severity() + ": ";
    return where + severity + bounded(d.message());
  }

  private static String bounded(String message) {
    String text = message == null ? "" : message.strip();
    return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH - 3) + "...";
  }
}
