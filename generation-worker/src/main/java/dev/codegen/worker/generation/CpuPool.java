package dev.codegen.worker.generation;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's threads for CPU work after the model answers: reading the answer, output gates,
 * writing the job's records (jobs start on the request consumer's thread). A few per core, however
 * many jobs are in flight: a job waiting for the model holds none of them.
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

  /** One thread per core, at least two (one may be busy writing while the other reads). */
  public static int defaultThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  public Executor executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
