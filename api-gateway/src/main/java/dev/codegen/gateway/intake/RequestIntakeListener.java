package dev.codegen.gateway.intake;

import dev.codegen.gateway.database.RefusedData;
import dev.codegen.gateway.intake.JobRegistration.Registration;
import dev.codegen.gateway.messaging.EventJson;
import dev.codegen.gateway.outbox.OutboxRelay;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobIds;
import dev.codegen.model.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Registers jobs that bulk users produced straight onto {@link Topics#REQUESTS}, so they show up in
 * history from the start. Records the gateway's own relay published are skipped without a database
 * call: their jobs were stored in the same transaction as their outbox rows. Unreadable records are
 * skipped too: dead-lettering them is the generation worker's job, and two services writing the
 * same dead letter would double it.
 *
 * <p>A poll is registered in one statement. Should PostgreSQL still refuse its data (values are
 * made acceptable first, see {@link JobRegistration}), the poll is registered record by record: a
 * refused record is registered without its free-text fields, so its job still shows in history (the
 * worker processes it either way), and skipped with a warning only if even that is refused. A
 * database outage is retried without limit and sets nothing aside.
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

  // Most records on this topic are the gateway's own (the relay publishes every HTTP accept) and
  // are skipped. Fetching them in larger, rarer polls keeps the consumer's per-poll cost (fetch
  // round trip, offset commit) from scaling with the accept rate; a bulk load fills the fetch at
  // once, and a lone record waits at most fetch.max.wait.ms.
  @KafkaListener(
      id = "gateway-intake",
      groupId = GROUP,
      topics = Topics.REQUESTS,
      properties = {"fetch.min.bytes=262144", "fetch.max.wait.ms=200"})
  void onRequests(List<ConsumerRecord<String, String>> records) {
    List<Registration> batch = new ArrayList<>(records.size());
    List<Integer> positions = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, String> record = records.get(i);
      if (!OutboxRelay.publishedByGateway(record.headers()) && read(record, batch)) {
        positions.add(i);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      registration.register(batch);
    } catch (RuntimeException e) {
      if (RefusedData.sqlState(e).isEmpty()) {
        // Per-record backoff of the error handler: unlimited while the database is down.
        throw new BatchListenerFailedException("cannot register batch", e, 0);
      }
      registerOneByOne(records, batch, positions);
    }
  }

  private void registerOneByOne(
      List<ConsumerRecord<String, String>> records,
      List<Registration> batch,
      List<Integer> positions) {
    for (int i = 0; i < batch.size(); i++) {
      int index = positions.get(i);
      ConsumerRecord<String, String> record = records.get(index);
      Optional<String> refused = register(batch.get(i), index);
      if (refused.isPresent() && register(batch.get(i).bare(), index).isEmpty()) {
        log.warn(
            "intake registered record {}-{}@{} without its request fields: PostgreSQL refused"
                + " them (SQLState {})",
            record.topic(),
            record.partition(),
            record.offset(),
            refused.get());
      } else if (refused.isPresent()) {
        skip(record, "PostgreSQL refused it (SQLState " + refused.get() + ")");
      }
    }
  }

  /** Registers one job; the SQLState if PostgreSQL refused its data. */
  private Optional<String> register(Registration one, int index) {
    try {
      registration.register(List.of(one));
      return Optional.empty();
    } catch (RuntimeException e) {
      Optional<String> refused = RefusedData.sqlState(e);
      if (refused.isEmpty()) {
        // The records before this one are registered; this one waits for the database.
        throw new BatchListenerFailedException("cannot register record", e, index);
      }
      return refused;
    }
  }

  /** Adds the record's registration to {@code batch}; false when the record is skipped. */
  private boolean read(ConsumerRecord<String, String> record, List<Registration> batch) {
    GenerationRequested request;
    try {
      request = json.read(record.value(), GenerationRequested.class);
    } catch (JacksonException | IllegalArgumentException e) {
      skip(record, "not a GenerationRequested JSON object");
      return false;
    }
    if (request == null) {
      skip(record, "empty record");
      return false;
    }
    if (request.jobId() != null && !request.jobId().isBlank() && !JobIds.isValid(request.jobId())) {
      skip(record, "job_id is not a UUID");
      return false;
    }
    String jobId = JobIds.resolve(request, record.topic(), record.partition(), record.offset());
    batch.add(new Registration(jobId, request));
    return true;
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
