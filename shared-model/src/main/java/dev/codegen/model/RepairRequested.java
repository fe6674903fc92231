package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A job whose code failed a check or a test, sent back to the model once with the diagnostics
 * ({@link Topics#REPAIRS}, keyed by job id). The plugin worker writes it instead of the job's
 * outcome; the generation worker answers it with a {@link CodeGenerated} of attempt {@code
 * attempt}, which runs the plugin stages again, or, when the repair cannot be made, with {@code
 * failed} as the job's outcome (the repair listed as not made).
 *
 * @param jobId the job id
 * @param attempt the attempt to make, {@link Attempt#LAST}
 * @param prompt the user's prompt, as the first attempt answered it
 * @param maxTokens the output token limit the request asked for, or {@code null}
 * @param failed the outcome the job reached at the previous attempt ({@code failed}, {@code
 *     check_failed}, its {@code attempts} listing that attempt with its code and diagnostics): it
 *     stands when no repair is made
 */
public record RepairRequested(
    @JsonProperty("job_id") String jobId,
    int attempt,
    String prompt,
    @JsonProperty("max_tokens") Integer maxTokens,
    JobFinished failed) {

  /** The attempt that failed: the last one {@code failed} lists. */
  public Attempt previous() {
    return failed.attempts().get(failed.attempts().size() - 1);
  }
}
