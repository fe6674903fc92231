package dev.codegen.gateway.intake;

import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobIds;
import dev.codegen.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Registers jobs that bulk users produced straight onto {@link Topics#REQUESTS}, so they show up in
 * history from the start. The gateway's own requests come through here too and are no-ops.
 * Unreadable records are skipped: dead-lettering them is the generation worker's job, and two
 * services writing the same dead letter would double it.
 */
@Component
class RequestIntakeListener {

  static final String GROUP = "codegen-gateway-intake";

  private static final Logger log = LoggerFactory.getLogger(RequestIntakeListener.class);

  private final EventJson json;
  private final JobRegistration registration;

  RequestIntakeListener(EventJson json, JobRegistration registration) {
    this.json = json;
    this.registration = registration;
  }

  @KafkaListener(id = "gateway-intake", groupId = GROUP, topics = Topics.REQUESTS)
  void onRequest(ConsumerRecord<String, String> record) {
    GenerationRequested request;
    try {
      request = json.read(record.value(), GenerationRequested.class);
    } catch (JacksonException | IllegalArgumentException e) {
      skip(record, "not a GenerationRequested JSON object");
      return;
    }
    if (request == null) {
      skip(record, "empty record");
      return;
    }
    if (request.jobId() != null && !request.jobId().isBlank() && !JobIds.isValid(request.jobId())) {
      skip(record, "job_id is not a UUID");
      return;
    }
    String jobId = JobIds.resolve(request, record.topic(), record.partition(), record.offset());
    registration.register(jobId, request);
  }

  private static void skip(ConsumerRecord<String, String> record, String why) {
    log.warn(
        "intake skipped record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        why);
  }
}
