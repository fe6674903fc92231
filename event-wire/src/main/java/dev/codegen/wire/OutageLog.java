package dev.codegen.wire;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs a dependency going away and coming back as two clear lines instead of a line per failed
 * attempt: the first failure at WARN, a reminder at most once per {@code reminder} while it stays
 * away, and one INFO line when it answers again, with how long it was gone. Thread-safe.
 */
public final class OutageLog {

  private final Logger log;
  private final String dependency;
  private final long reminderNanos;
  private long downSince = -1;
  private long lastLine;

  public OutageLog(Logger log, String dependency, Duration reminder) {
    this.log = log;
    this.dependency = dependency;
    this.reminderNanos = reminder.toNanos();
  }

  /** An attempt to reach the dependency failed. */
  public synchronized void failed(Throwable error) {
    long now = System.nanoTime();
    if (downSince < 0) {
      downSince = now;
      lastLine = now;
      log.warn("{} is unreachable, retrying: {}", dependency, describe(error));
    } else if (now - lastLine >= reminderNanos) {
      lastLine = now;
      log.warn(
          "{} still unreachable after {} s: {}",
          dependency,
          seconds(now - downSince),
          describe(error));
    }
  }

  /** An attempt to reach the dependency succeeded. */
  public synchronized void succeeded() {
    if (downSince >= 0) {
      log.info(
          "{} is reachable again after {} s", dependency, seconds(System.nanoTime() - downSince));
      downSince = -1;
    }
  }

  /** Whether the last attempt failed. */
  public synchronized boolean down() {
    return downSince >= 0;
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + DeadLetters.oneLine(message));
  }
}
