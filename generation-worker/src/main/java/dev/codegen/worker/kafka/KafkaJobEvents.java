package dev.codegen.worker.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventIds;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.TraceHeaders;
import dev.codegen.worker.generation.JobEvents;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a job's facts to their topics, keyed by job id, with event ids derived from the job and
 * the fact: a job run again (after a crash) repeats its ids, and the gateway drops the repeats.
 */
class KafkaJobEvents implements JobEvents {

  /** The source named in this worker's outcome ids. */
  static final String SOURCE = "generation-worker";

  private final ReliableSender sender;
  private final String traceparent;

  KafkaJobEvents(ReliableSender sender) {
    this(sender, null);
  }

  private KafkaJobEvents(ReliableSender sender, String traceparent) {
    this.sender = sender;
    this.traceparent = traceparent;
  }

  @Override
  public JobEvents within(String traceparent) {
    return new KafkaJobEvents(sender, traceparent);
  }

  private CompletableFuture<Void> send(ProducerRecord<String, String> record) {
    TraceHeaders.write(traceparent, record.headers());
    return sender.send(record);
  }

  @Override
  public CompletableFuture<Void> progressed(JobProgressed event) {
    return send(EventRecords.of(Topics.JOB_EVENTS, event.jobId(), event, event.eventId()));
  }

  @Override
  public CompletableFuture<Void> generated(CodeGenerated event) {
    return send(
        EventRecords.of(
            Topics.GENERATED,
            event.jobId(),
            event,
            EventIds.of(event.jobId(), event.attempt(), "generated")));
  }

  /** Outcomes go to the gateway, which records the first terminal status and publishes it. */
  @Override
  public CompletableFuture<Void> finished(JobFinished event) {
    return send(
        EventRecords.of(
            Topics.OUTCOMES, event.jobId(), event, EventIds.outcome(event.jobId(), SOURCE)));
  }
}
