package dev.codegen.worker.kafka;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code concurrency} jobs at once. A caller that finds every slot taken blocks, so the
 * listener stops taking records instead of queueing them without bound.
 */
final class BoundedJobExecutor {

  private final Semaphore slots;
  private final ThreadPoolExecutor pool;

  BoundedJobExecutor(int concurrency) {
    this.slots = new Semaphore(concurrency);
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
    // Threads exist only while jobs do: an idle worker holds none of its 256 threads.
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code job} on a pool thread, waiting for a free slot first. */
  void submit(Runnable job) throws InterruptedException {
    slots.acquire();
    try {
      pool.execute(
          () -> {
            try {
              job.run();
            } finally {
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Jobs running now. */
  int inFlight() {
    return pool.getActiveCount();
  }

  /** Lets running jobs finish (up to {@code timeout}), then interrupts the rest. */
  void shutdown(Duration timeout) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      pool.shutdownNow();
    }
  }
}
