package dev.codegen.worker.kafka;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on up to {@code concurrency} threads. It never blocks the caller: the consumer loop
 * bounds what it submits by {@link #inFlight()} (pausing its partitions at the limit), so the queue
 * stays empty in practice.
 */
final class BoundedJobExecutor {

  private final ThreadPoolExecutor pool;
  private final AtomicInteger inFlight = new AtomicInteger();

  BoundedJobExecutor(int concurrency) {
    AtomicInteger ids = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "codegen-job-" + ids.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // Threads exist only while jobs do: an idle worker holds none of its threads.
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code job} on a pool thread; counts it in flight until it returns. */
  void submit(Runnable job) {
    inFlight.incrementAndGet();
    try {
      pool.execute(
          () -> {
            try {
              job.run();
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  /** Jobs submitted and not yet returned. */
  int inFlight() {
    return inFlight.get();
  }

  /** Takes no new jobs; running ones go on. */
  void shutdown() {
    pool.shutdown();
  }

  /** Waits up to {@code timeout} for running jobs to end; true when none is left. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Interrupts the jobs still running: they are abandoned, not failed. */
  void shutdownNow() {
    pool.shutdownNow();
  }
}
