package dev.codegen.worker.kafka;

import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/** Turns a request record into a job, or says why it cannot be one (a dead letter). */
final class RequestReader {

  private RequestReader() {}

  sealed interface Read {}

  /** A readable request and its resolved job id. */
  record Job(String jobId, GenerationRequested request) implements Read {}

  /** A record that cannot become a job; {@code reason} goes into the dead-letter header. */
  record Malformed(String reason) implements Read {}

  static Read read(ConsumerRecord<String, String> record) {
    String value = record.value();
    if (value == null || value.isBlank()) {
      return new Malformed("empty record value");
    }
    GenerationRequested request;
    try {
      JsonNode tree = WireFormat.JSON.readTree(value);
      if (tree == null || !tree.isObject()) {
        return new Malformed("record value is not a JSON object");
      }
      request = WireFormat.JSON.treeToValue(tree, GenerationRequested.class);
    } catch (RuntimeException e) {
      // The parser's message may quote the record; keep only its kind.
      return new Malformed("record value is not a valid request: " + e.getClass().getSimpleName());
    }
    if (request.jobId() != null && !request.jobId().isBlank() && !JobIds.isValid(request.jobId())) {
      return new Malformed("job_id is not a UUID");
    }
    String jobId = JobIds.resolve(request, record.topic(), record.partition(), record.offset());
    return new Job(jobId, request.withJobId(jobId));
  }
}
