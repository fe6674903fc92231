package dev.codegen.gateway.projection;

import dev.codegen.gateway.database.RefusedData;
import dev.codegen.gateway.job.JobAudit;
import dev.codegen.gateway.limits.UsageLedger;
import dev.codegen.gateway.messaging.InvalidEventException;
import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.gateway.outbox.OutboxRelay;
import dev.codegen.gateway.projection.JobProjection.Identified;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects the workers' progress and outcomes into the job store, a polled batch at a time. A
 * record that cannot be read or breaks the contract is reported by its index: the records before it
 * are applied and committed, it goes to the dead-letter topic, the rest are redelivered. A batch
 * whose data PostgreSQL refuses (values are made acceptable first, see {@link JobProjection}) is
 * applied record by record to find the refused record, which is reported the same way, so no good
 * record is set aside. A database outage is retried without limit and dead-letters nothing.
 */
@Component
class ProjectorListeners {

  static final String GROUP = "codegen-gateway-projector";

  private final JobProjection projection;
  private final UsageLedger ledger;
  private final TransactionTemplate tx;
  private final OutboxRelay relay;
  private final Timer projectionTimer;
  private final TraceHeaders traces;

  ProjectorListeners(
      JobProjection projection,
      UsageLedger ledger,
      TransactionTemplate tx,
      OutboxRelay relay,
      MeterRegistry registry,
      TraceHeaders traces) {
    this.traces = traces;
    this.projection = projection;
    this.ledger = ledger;
    this.tx = tx;
    this.relay = relay;
    this.projectionTimer = StageTimers.timer(registry, StageTimers.PROJECTION);
  }

  @KafkaListener(
      id = "gateway-progress",
      groupId = GROUP,
      topics = Topics.JOB_EVENTS,
      clientIdPrefix = "codegen-gateway-progress-${random.value}")
  void onProgress(List<ConsumerRecord<String, String>> records) {
    traced(
        records,
        "project progress",
        () -> apply(records, this::progress, timed(projection::progressed)));
  }

  @KafkaListener(
      id = "gateway-outcomes",
      groupId = GROUP,
      topics = Topics.OUTCOMES,
      clientIdPrefix = "codegen-gateway-outcomes-${random.value}")
  void onOutcomes(List<ConsumerRecord<String, String>> records) {
    traced(records, "project outcome", () -> apply(records, this::finished, timed(this::finish)));
  }

  /**
   * Runs {@code work} on a poll inside one span per record that carries a trace: the projection of
   * a job's fact continues the job's trace.
   */
  private void traced(List<ConsumerRecord<String, String>> records, String name, Runnable work) {
    List<Span> spans = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      TraceHeaders.traceparent(record.headers())
          .ifPresent(parent -> spans.add(traces.start(parent, name, Span.Kind.CONSUMER)));
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      spans.forEach(span -> span.error(e));
      throw e;
    } finally {
      spans.forEach(Span::end);
    }
  }

  /**
   * Applies outcomes and settles the finished jobs' usage against their keys' budgets (after the
   * outcome: a redelivered poll settles what a crash in between left unsettled, and a job settles
   * once); the relay is woken when a job's result went to the outbox.
   */
  private void finish(List<Identified<JobFinished>> outcomes) {
    int announced = projection.finished(outcomes);
    Set<UUID> jobs = new HashSet<>();
    outcomes.forEach(o -> jobs.add(UUID.fromString(o.event().jobId())));
    tx.executeWithoutResult(status -> ledger.settle(jobs));
    if (announced > 0) {
      relay.wake();
    }
  }

  private <T> Consumer<List<Identified<T>>> timed(Consumer<List<Identified<T>>> store) {
    return batch -> projectionTimer.record(() -> store.accept(batch));
  }

  private Identified<JobProgressed> progress(ConsumerRecord<String, String> record) {
    JobProgressed event = EventJson.read(required(record), JobProgressed.class);
    if (!JobIds.isValid(event.jobId()) || event.status() == null || event.action() == null) {
      throw new InvalidEventException("JobProgressed needs a UUID job_id, a status and an action");
    }
    return new Identified<>(
        event.eventId() != null ? event.eventId() : eventId(record), event, source(event.source()));
  }

  private Identified<JobFinished> finished(ConsumerRecord<String, String> record) {
    JobFinished event = EventJson.read(required(record), JobFinished.class);
    if (!JobIds.isValid(event.jobId()) || event.status() == null || !event.status().isTerminal()) {
      throw new InvalidEventException("JobFinished needs a UUID job_id and a terminal status");
    }
    return new Identified<>(eventId(record), event, "outcomes");
  }

  private static <T> void apply(
      List<ConsumerRecord<String, String>> records,
      Function<ConsumerRecord<String, String>, Identified<T>> parse,
      Consumer<List<Identified<T>>> store) {
    List<Identified<T>> parsed = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        parsed.add(parse.apply(records.get(i)));
      } catch (RuntimeException e) {
        store(store, parsed);
        throw new BatchListenerFailedException("unreadable record", e, i);
      }
    }
    store(store, parsed);
  }

  private static <T> void store(Consumer<List<Identified<T>>> store, List<Identified<T>> parsed) {
    if (parsed.isEmpty()) {
      return;
    }
    try {
      store.accept(parsed);
    } catch (RuntimeException e) {
      if (RefusedData.sqlState(e).isEmpty()) {
        // Reported against the first record of the batch so the error handler's per-record
        // backoff applies (unlimited while the database is down) instead of dead-lettering it.
        throw new BatchListenerFailedException("cannot store batch", e, 0);
      }
      storeOneByOne(store, parsed);
    }
  }

  /** Applies the records in order until PostgreSQL refuses one, which is reported by its index. */
  private static <T> void storeOneByOne(
      Consumer<List<Identified<T>>> store, List<Identified<T>> parsed) {
    for (int i = 0; i < parsed.size(); i++) {
      try {
        store.accept(List.of(parsed.get(i)));
      } catch (RuntimeException e) {
        Optional<String> refused = RefusedData.sqlState(e);
        if (refused.isEmpty()) {
          throw new BatchListenerFailedException("cannot store record", e, i);
        }
        // Not retried: PostgreSQL would refuse it again. The reason names no record content.
        throw new BatchListenerFailedException(
            "record refused by PostgreSQL",
            new InvalidEventException(
                DeadLetters.Reason.REFUSED_BY_DATABASE,
                "PostgreSQL refused the record (SQLState " + refused.get() + ")"),
            i);
      }
    }
  }

  private static String source(String source) {
    return source == null || source.isBlank() ? "unknown" : source;
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
    return EventRecords.eventId(record.headers())
        .orElseGet(() -> JobAudit.derived(EventRecords.origin(record)));
  }
}
