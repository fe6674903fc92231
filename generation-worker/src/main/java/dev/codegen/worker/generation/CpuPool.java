package dev.codegen.worker.generation;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's threads for CPU work: token rails, gates, reading the model's answer. A few per
 * core, however many jobs are in flight: a job waiting for the model holds none of them.
 */
public final class CpuPool implements AutoCloseable {

  private final ExecutorService executor;

  public CpuPool(int threads) {
    AtomicInteger ids = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "codegen-cpu-" + ids.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Four per core. A job's CPU step may still wait briefly (the Kafka producer's locks and
   * metadata, the HTTP client's hand-offs), and on a machine shared with the broker and the other
   * services a pool of one thread per core got too small a share of the CPU: on the slow-model
   * benchmark at 1,000 jobs in flight (2 cores) eight threads finished about twice the jobs per
   * second of two.
   */
  public static int defaultThreads() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  public Executor executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
