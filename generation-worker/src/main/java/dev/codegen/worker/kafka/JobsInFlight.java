package dev.codegen.worker.kafka;

import dev.codegen.model.Attempt;
import dev.codegen.model.EventIds;
import dev.codegen.worker.generation.JobAbandoned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * The jobs this worker runs now and ran lately, by job id: it owns each running job's future, its
 * cancellation and its abandonment, and the memory that keeps a job from running twice here.
 *
 * <ul>
 *   <li>A job already running, or finished here among the last {@code remembered} jobs, is not
 *       started again: a relay retry of the gateway repeats a request record at a later offset, and
 *       a partition that comes back may hold records done before it left.
 *   <li>A job cancelled before it starts is started with its cancellation already signalled (the
 *       use case then records it cancelled without calling the model); one cancelled while running
 *       gets the signal at once (the use case aborts its model call).
 *   <li>An abandoned job (its partition left without it, or the worker stops) has its future failed
 *       with {@link JobAbandoned}: the use case drops its model call and writes nothing more.
 * </ul>
 *
 * <p>A job waiting for the model holds no thread, only its pending future, so the in-flight limit
 * is {@link #inFlight()}, which the consumer loop checks before it starts more. Thread-safe: jobs
 * start on the poll thread, cancellations come from the cancellation reader, jobs end on any.
 */
final class JobsInFlight {

  /** One job to start: given its cancellation signal, the future of its outcome written. */
  interface Job {
    CompletableFuture<?> start(CompletableFuture<Void> cancelled);
  }

  private record Running(
      TopicPartition partition,
      CompletableFuture<Void> cancelled,
      CompletableFuture<Object> handle) {}

  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  private final Map<UUID, Boolean> finished;
  private final Map<UUID, Instant> cancelledUntil;
  private final Duration cancellationMemory;
  private final Clock clock;
  private volatile boolean stopping;

  /**
   * @param remembered how many finished job ids (and cancelled ones) to remember
   * @param cancellationMemory how long a cancellation is remembered (as long as it is retained on
   *     the cancellations topic)
   */
  JobsInFlight(int remembered, Duration cancellationMemory, Clock clock) {
    this.finished = boundedMap(remembered);
    this.cancelledUntil = boundedMap(remembered);
    this.cancellationMemory = cancellationMemory;
    this.clock = clock;
  }

  /**
   * Starts job {@code jobId} read from {@code partition}, unless it runs or ran here already;
   * {@code finished} runs (on any thread) once its outcome is written, never for an abandoned job.
   *
   * @return false when the job was not started because it runs or ran here already
   * @throws RejectedExecutionException once the worker stops taking jobs
   */
  boolean start(String jobId, TopicPartition partition, Job job, Runnable whenFinished) {
    return start(jobId, jobId, partition, job, whenFinished);
  }

  /**
   * Starts run {@code runId} of job {@code jobId} (a repair is a run of its own, {@link
   * EventIds#run}), unless that run runs or ran here already; the job's cancellation reaches it.
   *
   * @return false when the run was not started because it runs or ran here already
   * @throws RejectedExecutionException once the worker stops taking jobs
   */
  boolean start(
      String runId, String jobId, TopicPartition partition, Job job, Runnable whenFinished) {
    if (stopping) {
      throw new RejectedExecutionException("the worker is stopping");
    }
    UUID id = UUID.fromString(runId);
    UUID owner = UUID.fromString(jobId);
    if (ranHere(id)) {
      return false;
    }
    Running started = new Running(partition, new CompletableFuture<>(), new CompletableFuture<>());
    if (running.putIfAbsent(id, started) != null) {
      return false;
    }
    // Registered first, then checked: a cancellation read meanwhile is either seen here or finds
    // the job running (cancel() signals it).
    if (isCancelled(owner)) {
      started.cancelled().complete(null);
    }
    started
        .handle()
        .whenComplete(
            (result, error) -> {
              running.remove(id, started);
              if (error == null) {
                synchronized (finished) {
                  finished.put(id, Boolean.TRUE);
                }
                whenFinished.run();
              }
            });
    CompletableFuture<?> outcome;
    try {
      outcome = job.start(started.cancelled());
    } catch (RuntimeException e) {
      started.handle().completeExceptionally(e);
      return true;
    }
    outcome.whenComplete(
        (result, error) -> {
          if (error != null) {
            started.handle().completeExceptionally(error);
          } else {
            started.handle().complete(result);
          }
        });
    started
        .handle()
        .whenComplete(
            (result, error) -> {
              if (error instanceof JobAbandoned) {
                outcome.completeExceptionally(error);
              }
            });
    return true;
  }

  /** The job's owner cancelled it: remembered, and signalled to it if it runs here now. */
  void cancel(String jobId, Instant cancelledAt) {
    UUID id;
    try {
      id = UUID.fromString(jobId);
    } catch (IllegalArgumentException e) {
      return;
    }
    Instant at = cancelledAt == null ? clock.instant() : cancelledAt;
    synchronized (cancelledUntil) {
      cancelledUntil.put(id, at.plus(cancellationMemory));
    }
    for (int attempt = 1; attempt <= Attempt.LAST; attempt++) {
      Running job = running.get(UUID.fromString(EventIds.run(id.toString(), attempt)));
      if (job != null) {
        job.cancelled().complete(null);
      }
    }
  }

  /** Jobs started and not yet finished or abandoned. */
  int inFlight() {
    return running.size();
  }

  /** Jobs in flight that were read from any of {@code partitions}. */
  int inFlight(Collection<TopicPartition> partitions) {
    return (int)
        running.values().stream().filter(job -> partitions.contains(job.partition())).count();
  }

  /** Gives up on the jobs of {@code partitions}: their model calls are dropped, nothing written. */
  void abandon(Collection<TopicPartition> partitions) {
    running.forEach(
        (id, job) -> {
          if (partitions.contains(job.partition())) {
            job.handle().completeExceptionally(new JobAbandoned(id.toString()));
          }
        });
  }

  /** Starts no more jobs; running ones go on. */
  void stopStarting() {
    stopping = true;
  }

  /** Gives up on every job still running: they are abandoned, not failed. */
  void abandonAll() {
    stopping = true;
    running.forEach(
        (id, job) -> job.handle().completeExceptionally(new JobAbandoned(id.toString())));
  }

  private boolean ranHere(UUID id) {
    synchronized (finished) {
      return finished.containsKey(id);
    }
  }

  private boolean isCancelled(UUID id) {
    synchronized (cancelledUntil) {
      Instant until = cancelledUntil.get(id);
      if (until != null && until.isBefore(clock.instant())) {
        cancelledUntil.remove(id);
        return false;
      }
      return until != null;
    }
  }

  private static <V> Map<UUID, V> boundedMap(int capacity) {
    return new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
