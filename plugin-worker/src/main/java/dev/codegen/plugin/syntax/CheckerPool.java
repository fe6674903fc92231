package dev.codegen.plugin.syntax;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of long-lived {@link CheckerProcess}es of one kind (the Python or the Node
 * checker), started eagerly. A caller borrows an idle process for one check; the time limit covers
 * the wait for a free process and the check. A process that overran the limit, died or broke is
 * killed and replaced in the background, and so is one whose resident memory grew past a limit; one
 * found dead when borrowed is replaced on the spot. A replacement that cannot start is retried
 * every second, so the pool heals when the tool returns.
 */
final class CheckerPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CheckerPool.class);

  static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** A checker grown past this (a leak, a pathological input) is replaced after its check. */
  static final long MAX_RESIDENT_BYTES = 512L * 1024 * 1024;

  private final String name;
  private final List<String> command;
  private final int size;
  private final long maxResidentBytes;
  private final BlockingQueue<CheckerProcess> idle = new LinkedBlockingQueue<>();
  private final ExecutorService restarter;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile Map<String, Object> hello = Map.of();
  private volatile String lastFailure;
  private volatile boolean closed;

  private CheckerPool(String name, List<String> command, int size, long maxResidentBytes) {
    this.name = name;
    this.command = List.copyOf(command);
    this.size = size;
    this.maxResidentBytes = maxResidentBytes;
    this.restarter =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "checker-pool-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts {@code size} processes of {@code command}.
   *
   * @throws IOException when the first one cannot start: the checker is not usable here
   */
  static CheckerPool start(String name, List<String> command, int size) throws IOException {
    return start(name, command, size, MAX_RESIDENT_BYTES);
  }

  /**
   * Starts {@code size} processes of {@code command}; one whose resident memory exceeds {@code
   * maxResidentBytes} after a check is replaced.
   *
   * @throws IOException when the first one cannot start: the checker is not usable here
   */
  static CheckerPool start(String name, List<String> command, int size, long maxResidentBytes)
      throws IOException {
    CheckerPool pool = new CheckerPool(name, command, Math.max(1, size), maxResidentBytes);
    CheckerProcess first = CheckerProcess.start(pool.command, START_TIMEOUT);
    pool.hello = first.hello();
    pool.idle.add(first);
    for (int i = 1; i < pool.size; i++) {
      pool.replaceLater();
    }
    return pool;
  }

  /** What the first process said about itself: tool, version and optional extras. */
  Map<String, Object> hello() {
    return hello;
  }

  int size() {
    return size;
  }

  /** Processes replaced so far (died, overran or broke). */
  int restarts() {
    return restarts.get();
  }

  /** The process ids of the processes idle now, for tests. */
  List<Long> idlePids() {
    return idle.stream().map(CheckerProcess::pid).toList();
  }

  /** Checks one source within {@code timeout}, waiting for a free process included. */
  CheckAnswer check(String language, String source, Duration timeout) {
    return ask(CheckerProcess.Task.CHECK, language, source, timeout);
  }

  /**
   * Runs {@code task} on one source within {@code timeout}, waiting for a free process included.
   */
  CheckAnswer ask(CheckerProcess.Task task, String language, String source, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CheckerProcess process;
    try {
      process = idle.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckAnswer.timeout("interrupted while waiting for a free " + name + " checker");
    }
    if (process == null) {
      String why = lastFailure;
      return why == null
          ? CheckAnswer.timeout("no free " + name + " checker within " + timeout)
          : CheckAnswer.error("no " + name + " checker process: " + why);
    }
    if (!process.alive()) {
      process.close();
      restarts.incrementAndGet();
      try {
        process = CheckerProcess.start(command, START_TIMEOUT);
      } catch (IOException e) {
        lastFailure = e.getMessage();
        replaceLater();
        return CheckAnswer.error(
            "the " + name + " checker died and did not restart: " + e.getMessage());
      }
    }
    CheckAnswer answer = process.ask(task, language, source, remaining(deadline));
    if (answer.kind() == CheckAnswer.Kind.TIMEOUT) {
      answer = CheckAnswer.timeout("exceeded " + timeout + "; killed");
    }
    boolean reusable =
        answer.answered() || (answer.kind() == CheckAnswer.Kind.ERROR && process.alive());
    String why = reusable ? null : answer.detail();
    if (reusable && process.residentBytes() > maxResidentBytes) {
      reusable = false;
      why = "resident memory above " + maxResidentBytes / (1024 * 1024) + " MB";
    }
    if (reusable && !closed) {
      idle.add(process);
    } else {
      process.close();
      if (!closed) {
        restarts.incrementAndGet();
        log.info("{} checker (pid {}) replaced: {}", name, process.pid(), why);
        replaceLater();
      }
    }
    return answer;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  private void replaceLater() {
    restarter.execute(
        () -> {
          while (!closed) {
            try {
              CheckerProcess fresh = CheckerProcess.start(command, START_TIMEOUT);
              lastFailure = null;
              if (closed) {
                fresh.close();
              } else {
                idle.add(fresh);
              }
              return;
            } catch (IOException e) {
              lastFailure = e.getMessage();
              log.warn("{} checker did not start, retrying: {}", name, e.getMessage());
              try {
                Thread.sleep(RETRY.toMillis());
              } catch (InterruptedException interrupted) {
                return;
              }
            }
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    restarter.shutdownNow();
    CheckerProcess process;
    while ((process = idle.poll()) != null) {
      process.close();
    }
  }
}
