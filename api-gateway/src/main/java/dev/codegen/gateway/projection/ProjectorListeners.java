package dev.codegen.gateway.projection;

import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.gateway.messaging.InvalidEventException;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects job progress and results from Kafka into the job store. Records that cannot be read or
 * break the contract throw, and the error handler dead-letters them without retrying.
 */
@Component
class ProjectorListeners {

  static final String GROUP = "codegen-gateway-projector";

  private final EventJson json;
  private final JobProjection projection;

  ProjectorListeners(EventJson json, JobProjection projection) {
    this.json = json;
    this.projection = projection;
  }

  @KafkaListener(id = "gateway-progress", groupId = GROUP, topics = Topics.JOB_EVENTS)
  void onProgress(ConsumerRecord<String, String> record) {
    JobProgressed event = json.read(required(record), JobProgressed.class);
    if (!JobIds.isValid(event.jobId()) || event.status() == null || event.action() == null) {
      throw new InvalidEventException("JobProgressed needs a UUID job_id, a status and an action");
    }
    UUID eventId = event.eventId() != null ? event.eventId() : eventId(record);
    projection.progressed(eventId, event);
  }

  @KafkaListener(id = "gateway-results", groupId = GROUP, topics = Topics.RESULTS)
  void onFinished(ConsumerRecord<String, String> record) {
    JobFinished event = json.read(required(record), JobFinished.class);
    if (!JobIds.isValid(event.jobId()) || event.status() == null || !event.status().isTerminal()) {
      throw new InvalidEventException("JobFinished needs a UUID job_id and a terminal status");
    }
    projection.finished(eventId(record), event);
  }

  private static String required(ConsumerRecord<String, String> record) {
    if (record.value() == null || record.value().isBlank()) {
      throw new InvalidEventException("empty record value");
    }
    return record.value();
  }

  /**
   * The record's {@code event-id} header, or an id derived from where the record sits, so a
   * redelivery of the same record is recognised either way.
   */
  static UUID eventId(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader(EventHeaders.EVENT_ID);
    if (header != null) {
      String value = new String(header.value(), StandardCharsets.UTF_8);
      if (JobIds.isValid(value)) {
        return UUID.fromString(value);
      }
    }
    return JobAudit.derived(record.topic() + "/" + record.partition() + "/" + record.offset());
  }
}
