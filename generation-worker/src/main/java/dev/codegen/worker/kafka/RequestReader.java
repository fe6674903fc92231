package dev.codegen.worker.kafka;

import dev.codegen.model.Attempt;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.RepairRequested;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/** Turns a job record into a job, or says why it cannot be one (a dead letter). */
final class RequestReader {

  private RequestReader() {}

  sealed interface Read {}

  /** A readable request and its job id. */
  record Job(String jobId, GenerationRequested request) implements Read {}

  /** A readable repair of a job's code that failed a check ({@link Topics#REPAIRS}). */
  record Repair(String jobId, RepairRequested request) implements Read {}

  /** A record that cannot become a job; the reason and detail go into the dead-letter headers. */
  record Malformed(DeadLetters.Reason reason, String detail) implements Read {}

  static Read read(ConsumerRecord<String, String> record) {
    if (Topics.REPAIRS.equals(record.topic())) {
      return readRepair(record.value());
    }
    String value = record.value();
    if (value == null || value.isBlank()) {
      return new Malformed(DeadLetters.Reason.UNREADABLE, "empty record value");
    }
    GenerationRequested request;
    try {
      JsonNode tree = EventJson.tree(value);
      if (tree == null || !tree.isObject()) {
        return new Malformed(DeadLetters.Reason.UNREADABLE, "record value is not a JSON object");
      }
      request = EventJson.convert(tree, GenerationRequested.class);
    } catch (RuntimeException e) {
      // The parser's message may quote the record; keep only its kind.
      return new Malformed(
          DeadLetters.Reason.UNREADABLE,
          "record value is not a valid request: " + e.getClass().getSimpleName());
    }
    if (request.jobId() == null || request.jobId().isBlank()) {
      // The gateway relays every job with its id; without one, a relay retry could not be
      // recognised as the same job.
      return new Malformed(DeadLetters.Reason.CONTRACT_VIOLATION, "job_id is missing");
    }
    if (!JobIds.isValid(request.jobId())) {
      return new Malformed(DeadLetters.Reason.INVALID_JOB_ID, "job_id is not a UUID");
    }
    return new Job(request.jobId(), request);
  }

  private static Read readRepair(String value) {
    if (value == null || value.isBlank()) {
      return new Malformed(DeadLetters.Reason.UNREADABLE, "empty record value");
    }
    RepairRequested repair;
    try {
      JsonNode tree = EventJson.tree(value);
      if (tree == null || !tree.isObject()) {
        return new Malformed(DeadLetters.Reason.UNREADABLE, "record value is not a JSON object");
      }
      repair = EventJson.convert(tree, RepairRequested.class);
    } catch (RuntimeException e) {
      return new Malformed(
          DeadLetters.Reason.UNREADABLE,
          "record value is not a valid repair: " + e.getClass().getSimpleName());
    }
    if (!JobIds.isValid(repair.jobId())) {
      return new Malformed(DeadLetters.Reason.INVALID_JOB_ID, "job_id missing or not a UUID");
    }
    JobFinished failed = repair.failed();
    if (repair.attempt() < 2
        || repair.attempt() > Attempt.LAST
        || repair.prompt() == null
        || failed == null
        || !repair.jobId().equals(failed.jobId())
        || failed.language() == null
        || failed.attempts().size() != repair.attempt() - 1) {
      return new Malformed(
          DeadLetters.Reason.CONTRACT_VIOLATION,
          "a repair needs attempt 2 to "
              + Attempt.LAST
              + ", the prompt, and the job's standing outcome listing the earlier attempts");
    }
    return new Repair(repair.jobId(), repair);
  }
}
