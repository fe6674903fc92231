package dev.codegen.worker.kafka;

import dev.codegen.model.JobCancelled;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every cancellation: all partitions of {@link Topics#CANCELLATIONS} with {@code assign()},
 * no group, from the earliest retained record, into {@link JobsInFlight} (which remembers them for
 * as long as the topic retains them and aborts a cancelled job that runs here). Every worker reads
 * all of them because a job may be on any worker. The request consumer starts no job before this
 * reader has caught up with the end offsets it saw at its start ({@link #awaitCaughtUp}), so a job
 * cancelled before this worker started is not run.
 */
final class CancellationReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CancellationReader.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<Consumer<String, String>> consumers;
  private final JobsInFlight jobs;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Thread thread;
  private volatile boolean running;

  CancellationReader(Supplier<Consumer<String, String>> consumers, JobsInFlight jobs) {
    this.consumers = consumers;
    this.jobs = jobs;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "codegen-cancellation-reader");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Waits until the cancellations that existed when this reader started are read, at most {@code
   * timeout}; true when they are.
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    Consumer<String, String> consumer = consumers.get();
    try {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long read = 0;
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
          read += apply(record) ? 1 : 0;
        }
        if (caughtUp.getCount() > 0
            && ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
          log.info("Cancellations read up to start-up: {} jobs cancelled", read);
          caughtUp.countDown();
        }
      }
    } catch (RuntimeException e) {
      log.error("Cancellation reader stopped: {}", e.toString());
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.warn("Closing the cancellation reader failed: {}", e.toString());
      }
    }
  }

  /** The topic's partitions, once it exists (the worker declares it at start-up). */
  private List<TopicPartition> partitions(Consumer<String, String> consumer) {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.CANCELLATIONS);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
      } catch (RuntimeException e) {
        log.warn("Cannot list {} yet: {}", Topics.CANCELLATIONS, e.toString());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  private boolean apply(ConsumerRecord<String, String> record) {
    try {
      JobCancelled cancelled = EventJson.read(record.value(), JobCancelled.class);
      String jobId = cancelled.jobId() != null ? cancelled.jobId() : record.key();
      if (jobId == null) {
        return false;
      }
      jobs.cancel(jobId, cancelled.cancelledAt());
      return true;
    } catch (RuntimeException e) {
      // The gateway writes these; one we cannot read cancels nothing and must not stop the rest.
      log.warn(
          "Skipping unreadable cancellation {}: {}",
          dev.codegen.wire.EventRecords.origin(record),
          e.getClass().getSimpleName());
      return false;
    }
  }
}
