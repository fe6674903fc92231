package dev.codegen.gateway.intake;

import dev.codegen.gateway.database.PgValues;
import dev.codegen.gateway.job.RequestRules;
import dev.codegen.gateway.job.ValidJobRequest;
import dev.codegen.gateway.problem.FieldError;
import dev.codegen.model.JobIds;
import dev.codegen.model.Language;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the intake makes of one record on the bulk topic: a job to run, a job refused for its fields
 * (stored as {@code rejected}, reason {@code invalid_request}, so the submitter finds it in history
 * and on the results topic), or a dead letter when it cannot be a job at all (not a JSON object, a
 * {@code job_id} that is not a UUID). The same {@link RequestRules} as HTTP decide.
 */
sealed interface BulkRecord {

  /** Where the record was read, {@code topic/partition/offset}. */
  String origin();

  /** The record as it arrived, for a dead letter. */
  ConsumerRecord<String, String> record();

  /** A job to store and run. */
  record Accepted(
      UUID jobId, ValidJobRequest request, String origin, ConsumerRecord<String, String> record)
      implements BulkRecord {}

  /** A job refused for its fields; only what identifies it is kept. */
  record Refused(
      UUID jobId,
      List<FieldError> errors,
      String customId,
      String batchId,
      Language language,
      String origin,
      ConsumerRecord<String, String> record)
      implements BulkRecord {}

  /** A record that cannot become a job. */
  record Dead(
      DeadLetters.Reason reason,
      String detail,
      String origin,
      ConsumerRecord<String, String> record)
      implements BulkRecord {}

  /** Reads {@code record} with {@code rules}. */
  static BulkRecord read(ConsumerRecord<String, String> record, RequestRules rules) {
    String origin = EventRecords.origin(record);
    JsonNode tree;
    try {
      tree = record.value() == null ? null : EventJson.tree(record.value());
    } catch (JacksonException e) {
      return new Dead(DeadLetters.Reason.UNREADABLE, "not JSON", origin, record);
    }
    if (tree == null || !tree.isObject()) {
      return new Dead(DeadLetters.Reason.UNREADABLE, "not a JSON object", origin, record);
    }
    JsonNode id = tree.get("job_id");
    if (id != null && !id.isNull() && !(id.isString() && JobIds.isValid(id.asString()))) {
      return new Dead(
          DeadLetters.Reason.INVALID_JOB_ID,
          "job_id must be a UUID in canonical lowercase form, or absent",
          origin,
          record);
    }
    UUID jobId =
        UUID.fromString(
            id == null || id.isNull()
                ? JobIds.forRecord(record.topic(), record.partition(), record.offset())
                : id.asString());
    RequestRules.Checked checked = rules.check(tree, RequestRules.Way.KAFKA);
    if (checked instanceof RequestRules.Valid valid) {
      return new Accepted(jobId, valid.request(), origin, record);
    }
    return new Refused(
        jobId,
        ((RequestRules.Invalid) checked).errors(),
        echo(tree.get("custom_id")),
        echo(tree.get("batch_id")),
        tree.get("language") != null && tree.get("language").isString()
            ? Language.fromWire(tree.get("language").asString()).orElse(null)
            : null,
        origin,
        record);
  }

  /**
   * A correlation field of a refused record, kept (clipped to 200 characters) only if it is text,
   * without what PostgreSQL cannot store.
   */
  static String echo(JsonNode node) {
    if (node == null || !node.isString()) {
      return null;
    }
    String text = PgValues.text(node.asString());
    return text.length() <= 200 ? text : text.substring(0, 200);
  }
}
