package dev.codegen.gateway.outbox;

import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.OutageLog;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka. Each round locks a batch with {@code FOR UPDATE SKIP LOCKED} (so
 * several relay threads and gateway instances share the work), sends it, waits for the broker's
 * acknowledgements and only then deletes the rows in the same transaction. A failed round rolls
 * back: the rows stay and are sent again with the same event ids (a gateway killed between the
 * broker's ack and the commit repeats its last round; every consumer drops an event id it already
 * applied, and the generation worker a job it already ran). The relay is woken right after each
 * change that writes rows and otherwise polls. An outage is logged when it starts and ends.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private static final String LOCK_BATCH =
      """
      SELECT id, event_id, event_type, topic, record_key, payload, headers::text AS headers FROM outbox
      ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Timer relayTimer;
  private final TraceHeaders traces;
  private final Semaphore signal = new Semaphore(0);
  private final OutageLog outage =
      new OutageLog(log, "the outbox relay (Kafka or PostgreSQL)", Duration.ofMinutes(1));
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  OutboxRelay(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      MeterRegistry registry,
      TraceHeaders traces) {
    this.relayTimer = StageTimers.timer(registry, StageTimers.RELAY);
    this.traces = traces;
    this.jdbc = jdbc;
    this.tx = tx;
    this.kafka = kafka;
    this.properties = properties;
  }

  /** Tells the relay new rows were committed; cheap enough to call on every accept. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Runs one round: publishes up to a batch of rows and returns how many were published. */
  int publishBatch() {
    long start = System.nanoTime();
    Integer published = tx.execute(status -> publishLocked());
    if (published != null && published > 0) {
      // Idle polls are not rounds: timing them would drown the real ones.
      relayTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    return published == null ? 0 : published;
  }

  private int publishLocked() {
    List<Row> rows =
        jdbc.query(
            LOCK_BATCH,
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    rs.getObject("event_id", UUID.class),
                    rs.getString("event_type"),
                    rs.getString("topic"),
                    rs.getString("record_key"),
                    rs.getString("payload"),
                    rs.getString("headers")),
            properties.batchSize());
    if (rows.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ProducerRecord<String, String> record = row.toRecord();
      Span span = publishing(record);
      CompletableFuture<?> ack = kafka.send(record);
      ack.whenComplete(
          (sent, error) -> {
            if (error != null) {
              span.error(error);
            }
            span.end();
          });
      acks.add(ack);
      if (ack.isCompletedExceptionally()) {
        // No metadata (broker away): each further send would block for max.block.ms.
        break;
      }
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for broker acks", e);
    } catch (Exception e) {
      throw new IllegalStateException("broker did not acknowledge the batch", e);
    }
    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
    jdbc.update(
        con -> {
          var ps = con.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)");
          ps.setArray(1, con.createArrayOf("bigint", ids));
          return ps;
        });
    return rows.size();
  }

  /**
   * A job's record continues the job's trace (its {@code traceparent} from the outbox row): a
   * producer span of the relay, which the record then names as its parent. Records without one
   * (dead letters) get no span.
   */
  private Span publishing(ProducerRecord<String, String> record) {
    return TraceHeaders.traceparent(record.headers())
        .map(
            parent -> {
              Span span = traces.start(parent, "publish " + record.topic(), Span.Kind.PRODUCER);
              traces.inject(span, record.headers());
              return span;
            })
        .orElse(Span.NOOP);
  }

  private void loop() {
    while (running) {
      try {
        int published = publishBatch();
        outage.succeeded();
        if (published < properties.batchSize()) {
          signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          signal.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Kafka or the database is away: the rows stay, and this round is retried.
        outage.failed(e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(properties.retryBackoff().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    for (int i = 0; i < properties.relayThreads(); i++) {
      Thread thread = new Thread(this::loop, "outbox-relay-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    signal.release(threads.size());
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
        // A round stuck on an absent broker is abandoned; its rows stay for the next start.
        thread.interrupt();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private record Row(
      long id,
      UUID eventId,
      String eventType,
      String topic,
      String key,
      String payload,
      String headers) {

    @SuppressWarnings("unchecked")
    ProducerRecord<String, String> toRecord() {
      ProducerRecord<String, String> record =
          EventRecords.of(topic, key, payload, eventType, eventId);
      return headers == null
          ? record
          : EventRecords.withHeaders(record, EventJson.read(headers, LinkedHashMap.class));
    }
  }
}
