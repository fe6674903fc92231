package dev.codegen.plugin.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobIds;
import dev.codegen.wire.DeadLetters.Reason;
import dev.codegen.wire.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a stage's input with the one wire format ({@link EventJson}) and checks what every stage
 * needs: a {@code job_id} that is a UUID and a known {@code language}. Not JSON (or not a JSON
 * object) is {@link Reason#UNREADABLE}; a JSON object that breaks the contract is {@link
 * Reason#CONTRACT_VIOLATION}.
 */
final class CodeGeneratedReader {

  private CodeGeneratedReader() {}

  /**
   * Reads a stage's input.
   *
   * @throws MalformedRecordException when the value is not a usable {@link CodeGenerated}
   */
  static CodeGenerated read(String value) {
    if (value == null || value.isBlank()) {
      throw new MalformedRecordException(Reason.UNREADABLE, "empty record value");
    }
    JsonNode tree;
    try {
      tree = EventJson.tree(value);
    } catch (JacksonException e) {
      throw new MalformedRecordException(Reason.UNREADABLE, "not JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedRecordException(Reason.UNREADABLE, "not a JSON object");
    }
    CodeGenerated event;
    try {
      event = EventJson.convert(tree, CodeGenerated.class);
    } catch (JacksonException e) {
      throw new MalformedRecordException(
          Reason.CONTRACT_VIOLATION, "not a CodeGenerated: " + e.getOriginalMessage());
    }
    if (event == null || !JobIds.isValid(event.jobId())) {
      throw new MalformedRecordException(Reason.CONTRACT_VIOLATION, "job_id missing or not a UUID");
    }
    if (event.language() == null) {
      throw new MalformedRecordException(Reason.CONTRACT_VIOLATION, "language missing");
    }
    return event;
  }
}
