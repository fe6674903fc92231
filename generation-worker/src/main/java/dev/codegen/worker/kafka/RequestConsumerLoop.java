package dev.codegen.worker.kafka;

import dev.codegen.model.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The job consumer: one thread polls {@link Topics#JOBS} (and {@link Topics#REPAIRS}) without ever
 * stopping, starts jobs and commits, per partition, the first record not done plus the done offsets
 * above it ({@link OffsetTracker}), so no job done here is run again by whoever reads the partition
 * next. Jobs finish out of order and report back through a queue, because only this thread may
 * touch the consumer. At {@code concurrency} jobs in flight it pauses its partitions and keeps
 * polling, so heartbeats and rebalances go on while nothing is fetched; one slow job holds back its
 * partition's position, never the next fetch.
 *
 * <p>A partition that moves to another worker is handed over, not dropped: its waiting records are
 * let go, its running jobs get up to the drain timeout to finish, and its position and done-set are
 * committed before the revocation returns, so the new owner starts exactly the jobs not done here.
 */
final class RequestConsumerLoop implements SmartLifecycle, ConsumerRebalanceListener {

  static final String GROUP = "codegen-generation-worker";

  private static final Logger log = LoggerFactory.getLogger(RequestConsumerLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long IDLE_WAIT_MILLIS = 20;
  // Bounded, so a stop while the broker is gone cannot hang for the 60 s client default; a sync
  // commit retries a coordinator that is loading or moving within it.
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CANCELLATIONS_WAIT = Duration.ofSeconds(30);

  private record Received(ConsumerRecord<String, String> record, OffsetTracker.Ticket ticket) {}

  private final Supplier<Consumer<String, String>> consumers;
  private final RequestListener listener;
  private final JobsInFlight jobs;
  private final CancellationReader cancellations;
  private final WorkerKafkaProperties properties;
  private final OffsetTracker tracker = new OffsetTracker();
  private final LinkedBlockingQueue<OffsetTracker.Ticket> completions = new LinkedBlockingQueue<>();
  private final ArrayDeque<Received> backlog = new ArrayDeque<>();
  private Consumer<String, String> consumer;
  private Thread thread;
  private volatile boolean running;
  private volatile boolean halted;

  RequestConsumerLoop(
      Supplier<Consumer<String, String>> consumers,
      RequestListener listener,
      JobsInFlight jobs,
      CancellationReader cancellations,
      WorkerKafkaProperties properties) {
    this.consumers = consumers;
    this.listener = listener;
    this.jobs = jobs;
    this.cancellations = cancellations;
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
    join();
  }

  /**
   * Stops as a crash would, for tests: no draining and no final commit (what the asynchronous
   * commits already wrote stays), jobs in flight dropped, the group left.
   */
  synchronized void halt() {
    halted = true;
    running = false;
    join();
  }

  private void join() {
    if (thread == null) {
      return;
    }
    try {
      thread.join(properties.drainTimeout().plus(CANCELLATIONS_WAIT).plusSeconds(30).toMillis());
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
      awaitCancellations();
      warmUp();
      // Repairs share the loop: the same in-flight limit, offsets and hand-over as jobs.
      consumer.subscribe(List.of(Topics.JOBS, Topics.REPAIRS), this);
      while (running) {
        try {
          step();
        } catch (RuntimeException e) {
          log.error("Job consumer failed, polling again: {}", e.toString());
          waitForCompletion(1000);
        }
      }
      if (halted) {
        jobs.abandonAll();
      } else {
        drain();
      }
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.warn("Closing the job consumer failed: {}", e.toString());
      }
    }
  }

  /** A job cancelled before this worker started must not run: read those cancellations first. */
  private void awaitCancellations() {
    long start = System.nanoTime();
    try {
      if (cancellations.awaitCaughtUp(CANCELLATIONS_WAIT)) {
        log.info(
            "Starting jobs: cancellations read in {} ms",
            Duration.ofNanos(System.nanoTime() - start).toMillis());
      } else {
        log.warn(
            "Starting jobs although cancellations were not read within {} s: a job cancelled"
                + " before start-up may run (it is aborted once its cancellation is read)",
            CANCELLATIONS_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Before joining the group: a partition that moves here (a rolling restart, a scale-out) must not
   * wait for this JVM's first job to load the model client and start the producer. Measured on the
   * fault suite's rolling restart: the first jobs of a cold worker took 4-5 s for a 1 s model.
   */
  private void warmUp() {
    long start = System.nanoTime();
    try {
      listener.warmUp();
      log.info("Warmed up in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    } catch (RuntimeException e) {
      log.warn("Warm-up failed, the first jobs load what it did not: {}", e.toString());
    }
  }

  private void step() {
    settle();
    commitAsync();
    boolean full = !backlog.isEmpty() || jobs.inFlight() >= properties.concurrency();
    Set<TopicPartition> hold = new HashSet<>(full ? consumer.assignment() : tracker.truncated());
    hold.retainAll(consumer.assignment());
    consumer.pause(hold);
    Set<TopicPartition> resume = new HashSet<>(consumer.paused());
    resume.removeAll(hold);
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
    // Paused partitions return nothing, but the poll still heartbeats and runs rebalances.
    ConsumerRecords<String, String> records = consumer.poll(full ? Duration.ZERO : POLL_TIMEOUT);
    for (ConsumerRecord<String, String> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      OffsetTracker.Ticket ticket = tracker.track(partition, record.offset());
      if (ticket != null) {
        backlog.add(new Received(record, ticket));
      } // else done before it was handed over to us: the commit said so
    }
    if (full && records.isEmpty()) {
      waitForCompletion(IDLE_WAIT_MILLIS);
    }
  }

  /** Takes finished jobs off the queue and starts waiting records while there is room. */
  private void settle() {
    drainCompletions();
    while (!backlog.isEmpty() && jobs.inFlight() < properties.concurrency()) {
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
    Map<TopicPartition, OffsetAndMetadata> commits = tracker.commits();
    if (!commits.isEmpty()) {
      consumer.commitAsync(
          commits,
          (offsets, error) -> {
            if (error != null) {
              // Runs on this thread (inside poll): the next commit carries their state again.
              tracker.commitFailed(offsets.keySet());
              log.warn(
                  "Commit of {} failed, committing again: {}", offsets.keySet(), error.toString());
            }
          });
    }
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> commits) {
    if (commits.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(commits, CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      // The next owner starts from the last good commit: done jobs after it run again.
      log.warn("Commit of {} failed: {}", commits.keySet(), e.toString());
    }
  }

  /** Shutdown: no new jobs; running ones get the drain timeout, then are abandoned. */
  private void drain() {
    backlog.clear();
    jobs.stopStarting();
    long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
    while (jobs.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        consumer.pause(consumer.assignment());
        consumer.poll(Duration.ZERO);
        drainCompletions();
        commitAsync();
      } catch (RuntimeException e) {
        log.warn("Job consumer failed while draining: {}", e.toString());
      }
      waitForCompletion(IDLE_WAIT_MILLIS);
    }
    if (jobs.inFlight() > 0) {
      log.warn("Abandoning {} jobs still running: another worker will run them", jobs.inFlight());
      jobs.abandonAll();
    }
    drainCompletions();
    commitSync(tracker.revoke(consumer.assignment()));
  }

  /**
   * Hands the partitions over: their waiting records are let go, their running jobs get up to the
   * drain timeout to finish (then are abandoned), and their positions and done-sets are committed
   * before the new owner may start.
   */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (halted || partitions.isEmpty()) {
      return;
    }
    backlog.removeIf(received -> partitions.contains(received.ticket().partition()));
    long start = System.nanoTime();
    long deadline = start + properties.drainTimeout().toNanos();
    drainCompletions();
    int running = jobs.inFlight(partitions);
    while (jobs.inFlight(partitions) > 0 && System.nanoTime() < deadline && !halted) {
      // The kept partitions' waiting records go on starting meanwhile (nothing is fetched).
      settle();
      waitForCompletion(IDLE_WAIT_MILLIS);
    }
    int left = jobs.inFlight(partitions);
    if (left > 0) {
      log.warn("Abandoning {} jobs of {}: their new owner will run them", left, partitions);
      jobs.abandon(partitions);
    }
    drainCompletions();
    commitSync(tracker.revoke(partitions));
    log.info(
        "Handed over {} after {} ms: waited for {} jobs, abandoned {}",
        partitions,
        Duration.ofNanos(System.nanoTime() - start).toMillis(),
        running,
        left);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    backlog.removeIf(received -> partitions.contains(received.ticket().partition()));
    tracker.forget(partitions);
  }

  /** Reads what the last owner committed, so records it had done are skipped, not run again. */
  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = consumer.committed(new HashSet<>(partitions), CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      log.warn(
          "Could not read the commits of {}, their done records may run again: {}",
          partitions,
          e.toString());
      committed = Map.of();
    }
    for (TopicPartition partition : partitions) {
      tracker.assign(partition, committed.get(partition));
    }
    // "partitions assigned" is what bench/lib.sh waits for.
    log.info("Partitions assigned {}, done records read from their commits", partitions);
  }
}
