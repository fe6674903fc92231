package dev.codegen.gateway.intake;

import dev.codegen.gateway.auth.ApiKeys;
import dev.codegen.gateway.database.RefusedData;
import dev.codegen.gateway.job.JobLimits;
import dev.codegen.gateway.job.RequestRules;
import dev.codegen.gateway.outbox.OutboxRelay;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * The bulk intake: takes the records bulk users produce onto {@link Topics#REQUESTS}, checks each
 * with the same {@link RequestRules} as {@code POST /generate}, and stores the poll in one
 * transaction ({@link BulkJobs}); the outbox then carries each job to the workers, so every job
 * reaches them the same one way. Offsets are committed after the transaction: a redelivered poll
 * finds its jobs stored by its own records and adds nothing.
 *
 * <p>Should PostgreSQL refuse a poll's data, the poll is stored record by record and a refused
 * record is dead-lettered (reason {@code refused_by_database}); the rest are stored. A database
 * outage is retried without limit and sets nothing aside.
 */
@Component
class BulkIntakeListener {

  static final String GROUP = "codegen-gateway-intake";

  private static final Logger log = LoggerFactory.getLogger(BulkIntakeListener.class);

  private final RequestRules rules;
  private final ApiKeys keys;
  private final BulkJobs jobs;
  private final OutboxRelay relay;

  BulkIntakeListener(JobLimits limits, ApiKeys keys, BulkJobs jobs, OutboxRelay relay) {
    this.rules = new RequestRules(limits);
    this.keys = keys;
    this.jobs = jobs;
    this.relay = relay;
  }

  @KafkaListener(
      id = "gateway-intake",
      groupId = GROUP,
      topics = Topics.REQUESTS,
      clientIdPrefix = "codegen-gateway-intake-${random.value}")
  void onRequests(List<ConsumerRecord<String, String>> records) {
    List<BulkRecord> read = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        read.add(BulkRecord.read(records.get(i), rules, keys));
      } catch (RuntimeException e) {
        // The key store is down: nothing of this poll is stored yet; retry from this record.
        throw new BatchListenerFailedException("cannot check a bulk record's key", e, i);
      }
    }
    try {
      jobs.store(read);
    } catch (RuntimeException e) {
      if (RefusedData.sqlState(e).isEmpty()) {
        // Per-record backoff of the error handler: unlimited while the database is down.
        throw new BatchListenerFailedException("cannot store bulk records", e, 0);
      }
      storeOneByOne(read);
    }
    relay.wake();
  }

  private void storeOneByOne(List<BulkRecord> read) {
    for (int i = 0; i < read.size(); i++) {
      BulkRecord record = read.get(i);
      Optional<String> refused = store(record, i);
      if (refused.isPresent()) {
        log.warn(
            "intake dead-lettered record {}: PostgreSQL refused it (SQLState {})",
            record.origin(),
            refused.get());
        BulkRecord dead =
            new BulkRecord.Dead(
                DeadLetters.Reason.REFUSED_BY_DATABASE,
                "PostgreSQL refused the record's data (SQLState " + refused.get() + ")",
                record.origin(),
                record.record());
        if (store(dead, i).isPresent()) {
          log.warn("intake skipped record {}: even its dead letter was refused", record.origin());
        }
      }
    }
  }

  /** Stores one record; the SQLState if PostgreSQL refused its data. */
  private Optional<String> store(BulkRecord record, int index) {
    try {
      jobs.store(List.of(record));
      return Optional.empty();
    } catch (RuntimeException e) {
      Optional<String> refused = RefusedData.sqlState(e);
      if (refused.isEmpty()) {
        // The records before this one are stored; this one waits for the database.
        throw new BatchListenerFailedException("cannot store bulk record", e, index);
      }
      return refused;
    }
  }
}
