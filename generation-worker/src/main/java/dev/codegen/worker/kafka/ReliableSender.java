package dev.codegen.worker.kafka;

import dev.codegen.wire.OutageLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends records and keeps re-sending a failed one (after the producer's own retries gave up, e.g.
 * while the broker is away) until it is written or the worker stops. Publishing owns its retries,
 * so a broker outage never makes anyone call the model again; a job whose records never got out is
 * not acknowledged and is redelivered after a restart.
 */
class ReliableSender implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ReliableSender.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KafkaTemplate<String, String> template;
  private final ScheduledExecutorService resends =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "codegen-resend");
            thread.setDaemon(true);
            return thread;
          });
  private final OutageLog outage =
      new OutageLog(log, "Kafka (the worker's outputs)", Duration.ofMinutes(1));
  private volatile boolean stopped;

  ReliableSender(KafkaTemplate<String, String> template) {
    this.template = template;
  }

  /**
   * Starts the producer (its idempotent producer id) and reads the leaders of {@code topics}, so
   * that a fresh worker's first records do not wait for either; a broker that does not answer
   * leaves it to the first send.
   */
  void warmUp(List<String> topics) {
    for (String topic : topics) {
      try {
        template.partitionsFor(topic);
      } catch (RuntimeException e) {
        log.debug("Producer warm-up for {} failed: {}", topic, e.toString());
        return;
      }
    }
  }

  /** Completes when the record is acknowledged by the broker; fails only once stopped. */
  CompletableFuture<Void> send(ProducerRecord<String, String> record) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    attempt(record, done, Duration.ofMillis(200));
    return done;
  }

  private void attempt(
      ProducerRecord<String, String> record, CompletableFuture<Void> done, Duration backoff) {
    if (stopped) {
      done.completeExceptionally(new IllegalStateException("sender stopped"));
      return;
    }
    CompletableFuture<?> sent;
    try {
      sent = template.send(record);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (result, error) -> {
          if (error == null) {
            outage.succeeded();
            done.complete(null);
            return;
          }
          // Hundreds of jobs' records fail together while the broker is away: one line for the
          // outage (and a reminder a minute), one when writes succeed again.
          outage.failed(error);
          Duration next = backoff.multipliedBy(2);
          try {
            resends.schedule(
                () -> attempt(record, done, next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next),
                backoff.toMillis(),
                TimeUnit.MILLISECONDS);
          } catch (RuntimeException rejected) {
            done.completeExceptionally(error);
          }
        });
  }

  @Override
  public void destroy() {
    stopped = true;
    resends.shutdownNow();
  }
}
