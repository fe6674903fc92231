package dev.codegen.plugin.pipeline;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Language;

/**
 * What a plugin sees of a job: the code as it stands after the previous stages, and what it is
 * meant to be. Deliberately smaller than {@link CodeGenerated} so plugins cannot depend on the wire
 * shape.
 *
 * @param jobId the job id, for log lines only
 * @param language the language the code is meant to be in
 * @param code the current code (the model's raw output before extraction); never null
 */
public record Artifact(String jobId, Language language, String code) {

  public Artifact {
    code = code == null ? "" : code;
  }

  /** The plugin's view of an event travelling through the stages. */
  public static Artifact of(CodeGenerated event) {
    String code = event.code() != null ? event.code() : event.rawOutput();
    return new Artifact(event.jobId(), event.language(), code);
  }
}
