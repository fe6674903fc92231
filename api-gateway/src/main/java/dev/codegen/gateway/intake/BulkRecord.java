package dev.codegen.gateway.intake;

import dev.codegen.gateway.auth.ApiKeys;
import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.auth.PresentedKey;
import dev.codegen.gateway.database.PgValues;
import dev.codegen.gateway.job.RequestRules;
import dev.codegen.gateway.job.ValidJobRequest;
import dev.codegen.gateway.problem.FieldError;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobIds;
import dev.codegen.model.Language;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the intake makes of one record on the bulk topic: a job to run, a job refused for its fields
 * (stored as {@code rejected}, reason {@code invalid_request}, so the submitter finds it in history
 * and on the results topic), a record without a valid API key (nothing stored, a {@code rejected}
 * result with reason {@code unauthorized} on the results topic), or a dead letter when it cannot be
 * a job at all (not a JSON object, a {@code job_id} that is not a UUID). The same {@link
 * RequestRules} and the same key rules as HTTP decide; the key travels in the record's {@code
 * x-api-key} (or {@code authorization: Bearer}) header.
 */
sealed interface BulkRecord {

  /** Where the record was read, {@code topic/partition/offset}. */
  String origin();

  /** The record as it arrived, for a dead letter. */
  ConsumerRecord<String, String> record();

  /** A job to store and run for {@code caller}. */
  record Accepted(
      UUID jobId,
      Caller caller,
      ValidJobRequest request,
      String origin,
      ConsumerRecord<String, String> record)
      implements BulkRecord {}

  /** A job refused (for its fields, or over a limit); only what identifies it is kept. */
  record Refused(
      UUID jobId,
      Caller caller,
      Failure failure,
      String customId,
      String batchId,
      Language language,
      String origin,
      ConsumerRecord<String, String> record)
      implements BulkRecord {}

  /** A record without a valid key: answered on the results topic, stored nowhere. */
  record Unauthorized(
      UUID jobId,
      String detail,
      String customId,
      String batchId,
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

  /** Reads {@code record} with {@code rules}, its key resolved by {@code keys}. */
  static BulkRecord read(ConsumerRecord<String, String> record, RequestRules rules, ApiKeys keys) {
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
    PresentedKey presented =
        PresentedKey.of(header(record, "authorization"), header(record, "x-api-key"));
    Optional<Caller> caller = presented.usable() ? keys.resolve(presented.key()) : Optional.empty();
    if (caller.isEmpty()) {
      return new Unauthorized(
          jobId,
          presented.usable()
              ? "the API key is not valid (unknown, rotated or revoked)"
              : presented
                  .problem()
                  .replace(
                      "Authorization: Bearer <key> or X-API-Key: <key>", "an x-api-key header"),
          echo(tree.get("custom_id")),
          echo(tree.get("batch_id")),
          origin,
          record);
    }
    RequestRules.Checked checked = rules.check(tree, RequestRules.Way.KAFKA);
    if (checked instanceof RequestRules.Valid valid) {
      return new Accepted(jobId, caller.get(), valid.request(), origin, record);
    }
    return new Refused(
        jobId,
        caller.get(),
        invalid(((RequestRules.Invalid) checked).errors()),
        echo(tree.get("custom_id")),
        echo(tree.get("batch_id")),
        tree.get("language") != null && tree.get("language").isString()
            ? Language.fromWire(tree.get("language").asString()).orElse(null)
            : null,
        origin,
        record);
  }

  /**
   * The failure of a record refused for its fields: the first field as rule, all in the message.
   */
  private static Failure invalid(List<FieldError> errors) {
    String message =
        errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
    return new Failure(FailureReason.INVALID_REQUEST, "request." + errors.get(0).field(), message);
  }

  /** The same job refused with {@code failure} (over a limit, or its key revoked meanwhile). */
  static Refused refused(Accepted accepted, Failure failure) {
    return new Refused(
        accepted.jobId(),
        accepted.caller(),
        failure,
        accepted.request().customId(),
        accepted.request().batchId(),
        accepted.request().language(),
        accepted.origin(),
        accepted.record());
  }

  /** The last value of header {@code name} (any case), or {@code null}. */
  private static String header(ConsumerRecord<String, String> record, String name) {
    String value = null;
    for (Header header : record.headers()) {
      if (header.key().equalsIgnoreCase(name) && header.value() != null) {
        value = new String(header.value(), StandardCharsets.UTF_8);
      }
    }
    return value;
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
