package dev.codegen.gateway.outbox;

import dev.codegen.model.EventIds;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobCancelled;
import dev.codegen.model.JobFinished;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.TraceHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One record the gateway will publish, as it waits in the outbox: everything the gateway sends to
 * Kafka is one of these, written in the same transaction as the change it announces. Event ids are
 * derived from the job and the fact, so a relay retry repeats them.
 *
 * @param headers Kafka headers beyond the standard event headers (dead letters), possibly empty
 */
public record OutboxRecord(
    UUID eventId,
    String eventType,
    String topic,
    String key,
    String payload,
    Map<String, String> headers) {

  /**
   * The outbox {@code headers} of a job's record in SQL, from the job's {@code trace_parent}
   * column: its {@code traceparent}, or none when the job has no trace.
   */
  public static final String TRACE_HEADERS_SQL =
      "CASE WHEN trace_parent IS NULL THEN NULL"
          + " ELSE jsonb_build_object('traceparent', trace_parent) END";

  public OutboxRecord {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** This record carrying {@code traceparent} (a job's trace) as its header; as is when null. */
  public OutboxRecord traced(String traceparent) {
    if (traceparent == null) {
      return this;
    }
    Map<String, String> traced = new LinkedHashMap<>(headers);
    traced.put(TraceHeaders.TRACEPARENT, traceparent);
    return new OutboxRecord(eventId, eventType, topic, key, payload, traced);
  }

  /** The request that carries a stored job to the generation workers. */
  public static OutboxRecord request(GenerationRequested request) {
    return event(Topics.JOBS, request.jobId(), request, EventIds.requested(request.jobId()));
  }

  /** The job's one public result, written when the store recorded its terminal status. */
  public static OutboxRecord result(JobFinished finished) {
    return event(Topics.RESULTS, finished.jobId(), finished, EventIds.result(finished.jobId()));
  }

  /** Tells every generation worker that the job is cancelled. */
  public static OutboxRecord cancellation(JobCancelled cancelled) {
    return event(
        Topics.CANCELLATIONS, cancelled.jobId(), cancelled, EventIds.cancelled(cancelled.jobId()));
  }

  /** A record the gateway could not take, in the one dead-letter format ({@link DeadLetters}). */
  public static OutboxRecord deadLetter(
      String topic,
      String key,
      String value,
      String origin,
      DeadLetters.Reason reason,
      String why) {
    return new OutboxRecord(
        DeadLetters.eventId(origin),
        DeadLetters.EVENT_TYPE,
        Topics.deadLetter(topic),
        key,
        value,
        DeadLetters.headers(origin, reason, why));
  }

  private static OutboxRecord event(String topic, String key, Object event, UUID eventId) {
    return new OutboxRecord(
        eventId, event.getClass().getSimpleName(), topic, key, EventJson.write(event), Map.of());
  }
}
