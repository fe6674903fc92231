package dev.codegen.worker.kafka;

import dev.codegen.model.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The request consumer: one thread polls without ever stopping, hands records to the job executor
 * and commits, per partition, up to the first record whose job is not done yet. Jobs finish out of
 * order and report back through a queue, because only this thread may touch the consumer. At {@code
 * concurrency} jobs in flight it pauses its partitions and keeps polling, so heartbeats and
 * rebalances go on while nothing is fetched; one slow job holds back commits of its partition,
 * never the next fetch.
 */
final class RequestConsumerLoop implements SmartLifecycle, ConsumerRebalanceListener {

  static final String GROUP = "codegen-generation-worker";

  private static final Logger log = LoggerFactory.getLogger(RequestConsumerLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long IDLE_WAIT_MILLIS = 20;
  // Bounded, so a stop while the broker is gone cannot hang for the 60 s client default.
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private record Received(ConsumerRecord<String, String> record, OffsetTracker.Ticket ticket) {}

  private final Supplier<Consumer<String, String>> consumers;
  private final RequestListener listener;
  private final BoundedJobExecutor executor;
  private final WorkerKafkaProperties properties;
  private final OffsetTracker tracker = new OffsetTracker();
  private final LinkedBlockingQueue<OffsetTracker.Ticket> completions = new LinkedBlockingQueue<>();
  private final ArrayDeque<Received> backlog = new ArrayDeque<>();
  private Consumer<String, String> consumer;
  private Thread thread;
  private volatile boolean running;

  RequestConsumerLoop(
      Supplier<Consumer<String, String>> consumers,
      RequestListener listener,
      BoundedJobExecutor executor,
      WorkerKafkaProperties properties) {
    this.consumers = consumers;
    this.listener = listener;
    this.executor = executor;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = consumers.get();
    running = true;
    thread = new Thread(this::run, "codegen-request-consumer");
    thread.start();
  }

  /** Stops polling, lets jobs in flight finish for the drain timeout, commits and leaves. */
  @Override
  public synchronized void stop() {
    running = false;
    if (thread == null) {
      return;
    }
    try {
      thread.join(properties.drainTimeout().plusSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return properties.autoStartup();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.REQUESTS), this);
      while (running) {
        try {
          step();
        } catch (RuntimeException e) {
          log.error("Request consumer failed, polling again: {}", e.toString());
          waitForCompletion(1000);
        }
      }
      drain();
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.warn("Closing the request consumer failed: {}", e.toString());
      }
    }
  }

  private void step() {
    settle();
    commitAsync();
    boolean full = !backlog.isEmpty() || executor.inFlight() >= properties.concurrency();
    if (full) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    // Paused partitions return nothing, but the poll still heartbeats and runs rebalances.
    ConsumerRecords<String, String> records = consumer.poll(full ? Duration.ZERO : POLL_TIMEOUT);
    for (ConsumerRecord<String, String> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      backlog.add(new Received(record, tracker.track(partition, record.offset())));
    }
    if (full && records.isEmpty()) {
      waitForCompletion(IDLE_WAIT_MILLIS);
    }
  }

  /** Takes finished jobs off the queue and starts waiting records while there is room. */
  private void settle() {
    drainCompletions();
    while (!backlog.isEmpty() && executor.inFlight() < properties.concurrency()) {
      Received received = backlog.poll();
      listener.onRequest(received.record(), () -> completions.add(received.ticket()));
    }
  }

  private void drainCompletions() {
    OffsetTracker.Ticket ticket;
    while ((ticket = completions.poll()) != null) {
      tracker.done(ticket);
    }
  }

  private void waitForCompletion(long millis) {
    try {
      OffsetTracker.Ticket ticket = completions.poll(millis, TimeUnit.MILLISECONDS);
      if (ticket != null) {
        tracker.done(ticket);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void commitAsync() {
    Map<TopicPartition, Long> positions = tracker.committable();
    if (!positions.isEmpty()) {
      consumer.commitAsync(
          offsets(positions),
          (offsets, error) -> {
            if (error != null) {
              log.warn("Commit of {} failed, a later one covers it: {}", offsets, error.toString());
            }
          });
    }
  }

  private void commitSync(Map<TopicPartition, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets(positions), CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      // The records after the last good commit are redelivered: duplicates, never losses.
      log.warn("Commit of {} failed: {}", positions, e.toString());
    }
  }

  /** Shutdown: no new jobs; running ones get the drain timeout, then are abandoned. */
  private void drain() {
    backlog.clear();
    executor.shutdown();
    long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
    while (executor.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        consumer.pause(consumer.assignment());
        consumer.poll(Duration.ZERO);
        drainCompletions();
        commitAsync();
      } catch (RuntimeException e) {
        log.warn("Request consumer failed while draining: {}", e.toString());
      }
      waitForCompletion(IDLE_WAIT_MILLIS);
    }
    if (executor.inFlight() > 0) {
      log.warn("Abandoning {} jobs still running: they will be redelivered", executor.inFlight());
      executor.shutdownNow();
    }
    drainCompletions();
    commitSync(tracker.revoke(consumer.assignment()));
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    drainCompletions();
    backlog.removeIf(received -> partitions.contains(received.ticket().partition()));
    commitSync(tracker.revoke(partitions));
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    backlog.removeIf(received -> partitions.contains(received.ticket().partition()));
    tracker.forget(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    log.info("Assigned {}", partitions);
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(
      Map<TopicPartition, Long> positions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    positions.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
    return offsets;
  }
}
