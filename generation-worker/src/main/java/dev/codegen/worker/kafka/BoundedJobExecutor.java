package dev.codegen.worker.kafka;

import dev.codegen.worker.generation.JobAbandoned;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Starts jobs on the executor it is given (in the worker, the request consumer's own thread) and
 * counts them in flight until their futures complete. A job waiting for the model holds no thread,
 * only its pending future, so the in-flight limit is this count, not a number of threads: the
 * consumer loop bounds what it submits by {@link #inFlight()} (pausing its partitions at the
 * limit).
 */
final class BoundedJobExecutor {

  private final Executor starts;
  private final Map<CompletableFuture<Object>, String> running = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean shutdown;

  BoundedJobExecutor(Executor starts) {
    this.starts = starts;
  }

  /**
   * Starts {@code job} on the starting executor. The returned future completes as the job's does,
   * or with {@link JobAbandoned} when {@link #shutdownNow()} gives up on it (which is passed on to
   * the job's own future, so it can cancel its model call).
   */
  CompletableFuture<Object> submit(String jobId, Supplier<CompletableFuture<?>> job) {
    if (shutdown) {
      throw new RejectedExecutionException("the worker is stopping");
    }
    CompletableFuture<Object> handle = new CompletableFuture<>();
    inFlight.incrementAndGet();
    running.put(handle, jobId);
    handle.whenComplete(
        (result, error) -> {
          running.remove(handle);
          inFlight.decrementAndGet();
        });
    try {
      starts.execute(() -> start(job, handle));
    } catch (RuntimeException e) {
      handle.completeExceptionally(e);
      throw e;
    }
    return handle;
  }

  private static void start(Supplier<CompletableFuture<?>> job, CompletableFuture<Object> handle) {
    if (handle.isDone()) {
      return; // abandoned before it started
    }
    CompletableFuture<?> started;
    try {
      started = job.get();
    } catch (RuntimeException e) {
      handle.completeExceptionally(e);
      return;
    }
    started.whenComplete(
        (result, error) -> {
          if (error != null) {
            handle.completeExceptionally(error);
          } else {
            handle.complete(result);
          }
        });
    handle.whenComplete(
        (result, error) -> {
          if (error instanceof JobAbandoned) {
            started.completeExceptionally(error);
          }
        });
  }

  /** Jobs submitted and not yet complete. */
  int inFlight() {
    return inFlight.get();
  }

  /** Takes no new jobs; running ones go on. */
  void shutdown() {
    shutdown = true;
  }

  /** Gives up on the jobs still running: they are abandoned, not failed. */
  void shutdownNow() {
    shutdown = true;
    running.forEach((handle, jobId) -> handle.completeExceptionally(new JobAbandoned(jobId)));
  }
}
