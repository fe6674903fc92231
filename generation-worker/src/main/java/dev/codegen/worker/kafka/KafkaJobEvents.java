package dev.codegen.worker.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.Topics;
import dev.codegen.worker.generation.JobEvents;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a job's facts to their topics, keyed by job id. */
class KafkaJobEvents implements JobEvents {

  private final ReliableSender sender;

  KafkaJobEvents(ReliableSender sender) {
    this.sender = sender;
  }

  @Override
  public CompletableFuture<Void> progressed(JobProgressed event) {
    ProducerRecord<String, String> record =
        WireFormat.record(Topics.JOB_EVENTS, event.jobId(), event);
    // The fact's own id doubles as the event id, so the projector's de-duplication sees one id.
    record.headers().remove(EventHeaders.EVENT_ID);
    WireFormat.header(record, EventHeaders.EVENT_ID, event.eventId().toString());
    return sender.send(record);
  }

  @Override
  public CompletableFuture<Void> generated(CodeGenerated event) {
    return sender.send(WireFormat.record(Topics.GENERATED, event.jobId(), event));
  }

  @Override
  public CompletableFuture<Void> finished(JobFinished event) {
    return sender.send(WireFormat.record(Topics.RESULTS, event.jobId(), event));
  }
}
