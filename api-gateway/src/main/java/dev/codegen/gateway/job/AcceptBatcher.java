package dev.codegen.gateway.job;

import dev.codegen.gateway.database.RefusedData;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit for accepts. Request threads hand their job over and wait; writer threads each take
 * whatever is waiting (up to {@link AcceptProperties#maxBatch()}), store it in one transaction and
 * only then release the requests. Under load a commit (and its fsync) is shared by hundreds of
 * requests; at low load a batch is a single job and nothing waits for a timer. A batch the database
 * cannot take (it is down, or too slow) fails every request in it and stores none of them. A batch
 * whose data PostgreSQL refuses (SQLState class 22 or 23) is stored again job by job, so only the
 * refused job fails, with {@link ProblemType#UNSTORABLE}: one bad request never fails another.
 *
 * <p>It stops after the web server (a later shutdown phase, and no dependency on a bean that stops
 * earlier), so the requests the server finishes during a graceful shutdown still get stored.
 */
public class AcceptBatcher implements SmartLifecycle {

  /**
   * Stores a batch of jobs atomically: all of them or none, except those it answers otherwise (a
   * replay of an earlier job, a refusal by a limit).
   */
  @FunctionalInterface
  public interface Store {
    StoreResult store(List<NewJob> jobs);
  }

  private static final Logger log = LoggerFactory.getLogger(AcceptBatcher.class);

  private final Store store;
  private final Runnable afterCommit;
  private final AcceptProperties properties;
  private final Timer storeTimer;
  private final BlockingQueue<Pending> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running;
  private volatile boolean stopped;

  AcceptBatcher(Store store, Runnable afterCommit, AcceptProperties properties, Timer storeTimer) {
    this.store = store;
    this.afterCommit = afterCommit;
    this.properties = properties;
    this.storeTimer = storeTimer;
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
  }

  /**
   * Stores {@code job} with the next batch and returns once it is committed: {@code null} when it
   * was stored as given, or the earlier job its {@code Idempotency-Key} names.
   *
   * @throws ProblemException {@link ProblemType#UNAVAILABLE} when the job could not be stored in
   *     time (it was then not stored, except in the rare case noted in the message), or the problem
   *     the store refused it with (a limit, a revoked key, an idempotency key reused)
   */
  AcceptedJob store(NewJob job) {
    Pending pending = new Pending(job);
    if (!running) {
      throw unavailable(
          stopped ? "the gateway is shutting down, try again shortly" : "the gateway is starting");
    }
    if (!queue.offer(pending)) {
      throw unavailable("the gateway is overloaded, try again shortly");
    }
    long timeout = properties.timeout().toNanos();
    try {
      return pending.done.get(timeout, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (pending.claim()) {
        throw unavailable("the job store did not answer in time; the job was not stored");
      }
      // A writer has it in an open transaction (bounded by the statement timeout): its outcome is
      // about to be known, and answering before it would risk a stored job reported as failed.
      return awaitTaken(pending, timeout);
    } catch (ExecutionException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while storing the job");
    }
  }

  private static ProblemException failed(ExecutionException e) {
    if (e.getCause() instanceof ProblemException problem) {
      return problem;
    }
    if (e.getCause() instanceof Refused refused) {
      return new ProblemException(
          ProblemType.UNSTORABLE,
          "the job store refused this request's data (SQLState "
              + refused.sqlState
              + "); the job was not stored");
    }
    return unavailable("the job store is unavailable; the job was not stored");
  }

  private static AcceptedJob awaitTaken(Pending pending, long timeout) {
    try {
      return pending.done.get(timeout, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw failed(e);
    } catch (InterruptedException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw unavailable("the job store did not answer in time; the job may have been stored");
    }
  }

  /** Jobs waiting for a writer. */
  int waiting() {
    return queue.size();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(properties.maxBatch());
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, properties.maxBatch() - 1);
        batch.removeIf(p -> !p.claim()); // requests that gave up before a writer took them
        if (!batch.isEmpty()) {
          write(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<NewJob> jobs = batch.stream().map(p -> p.job).toList();
    long start = System.nanoTime();
    StoreResult result;
    try {
      result = store.store(jobs);
    } catch (RuntimeException e) {
      Optional<String> refused = RefusedData.sqlState(e);
      if (refused.isPresent() && batch.size() > 1) {
        log.warn(
            "a batch of {} accepted jobs was refused ({}): storing them one by one",
            jobs.size(),
            refused.get());
        writeOneByOne(batch);
        return;
      }
      log.warn("storing a batch of {} accepted jobs failed: {}", jobs.size(), e.getMessage());
      Throwable cause = refused.<Throwable>map(state -> new Refused(state, e)).orElse(e);
      batch.forEach(p -> p.done.completeExceptionally(cause));
      return;
    } finally {
      storeTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    batch.forEach(p -> complete(p, result));
    afterCommit.run();
  }

  private static void complete(Pending pending, StoreResult result) {
    ProblemException refused = result.refusals().get(pending.job.id());
    if (refused != null) {
      pending.done.completeExceptionally(refused);
    } else {
      pending.done.complete(result.replays().get(pending.job.id()));
    }
  }

  /** Each job in its own transaction: only the ones whose data is refused fail. */
  private void writeOneByOne(List<Pending> batch) {
    boolean stored = false;
    for (Pending pending : batch) {
      try {
        complete(pending, store.store(List.of(pending.job)));
        stored = true;
      } catch (RuntimeException e) {
        Optional<String> refused = RefusedData.sqlState(e);
        if (refused.isPresent()) {
          log.warn(
              "accepted job {} refused by the job store ({})", pending.job.id(), refused.get());
        }
        pending.done.completeExceptionally(
            refused.<Throwable>map(state -> new Refused(state, e)).orElse(e));
      }
    }
    if (stored) {
      afterCommit.run();
    }
  }

  private static ProblemException unavailable(String detail) {
    return new ProblemException(ProblemType.UNAVAILABLE, detail);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < properties.writers(); i++) {
      Thread thread = new Thread(this::writeLoop, "accept-writer-" + i);
      thread.setDaemon(true);
      thread.start();
      writers.add(thread);
    }
  }

  /** Stops taking jobs; the writers store what is already queued, then end. */
  @Override
  public synchronized void stop() {
    stopped = true;
    running = false;
    for (Thread thread : writers) {
      try {
        thread.join(properties.timeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Starts before and stops after the web server (Boot stops it at {@code DEFAULT_PHASE - 2048},
   * after its graceful shutdown at {@code - 1024}), so no request finds the writers gone.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  /** The database refused a job's data: the request's fault, not the store's. */
  private static final class Refused extends RuntimeException {
    private final String sqlState;

    Refused(String sqlState, Throwable cause) {
      super("refused with SQLState " + sqlState, cause, false, false);
      this.sqlState = sqlState;
    }
  }

  private static final class Pending {
    private final NewJob job;
    private final CompletableFuture<AcceptedJob> done = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    private Pending(NewJob job) {
      this.job = job;
    }

    /** Claims the job for exactly one side: a writer storing it, or its request giving up. */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}
