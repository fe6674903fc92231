package dev.codegen.wire;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks (and creates when missing) a service's topics at start-up, and says what is true when
 * Kafka is slow or away.
 *
 * <p>Left to Spring Kafka's {@code KafkaAdmin}, a first metadata answer that takes longer than the
 * admin timeout (a busy machine, a broker still starting) is logged as {@code ERROR Could not
 * configure topics ... Timed out waiting for a node assignment}, with a stack trace, although the
 * topics may well exist, and the check is never tried again. Here one attempt runs as the context
 * starts (so topics exist before the consumers subscribe, as before); if it fails, one WARN says
 * the broker did not answer in time and that the service starts anyway, and the attempt is repeated
 * in the background (the first retry after {@code firstRetry}, doubling up to {@code maxRetry})
 * until it succeeds, which is logged at INFO. A failure that lasts is recalled at WARN at most once
 * a minute. Thread-safe.
 */
public final class TopicsAtStartup implements AutoCloseable {

  /** One check of the topics; true once they exist (found or created). */
  @FunctionalInterface
  public interface Attempt {
    boolean run() throws Exception;
  }

  private static final Duration REMINDER = Duration.ofMinutes(1);

  private final Attempt attempt;
  private final String broker;
  private final Logger log;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final ScheduledExecutorService retries;
  private long firstFailure = -1;
  private long lastLine;
  private int attempts;
  private volatile boolean checked;

  /**
   * @param attempt checks or creates the topics (e.g. {@code KafkaAdmin::initialize} called after
   *     the context's singletons exist, where it throws instead of logging)
   * @param broker the bootstrap servers, for the log lines
   */
  public TopicsAtStartup(
      Attempt attempt, String broker, Logger log, Duration firstRetry, Duration maxRetry) {
    this.attempt = attempt;
    this.broker = broker;
    this.log = log;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "codegen-topics-at-startup");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * The check every service runs at start: retries from 1 s backing off to 30 s, logged under this
   * class's name.
   *
   * @param broker the bootstrap servers, for the log lines
   */
  public static TopicsAtStartup standard(Attempt attempt, Object broker) {
    return new TopicsAtStartup(
        attempt,
        String.valueOf(broker),
        LoggerFactory.getLogger(TopicsAtStartup.class),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  /** The first attempt, on the caller's thread; retries follow in the background if it fails. */
  public void start() {
    tryOnce(firstRetry);
  }

  /** Whether the topics were checked (found or created). */
  public boolean checked() {
    return checked;
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }

  private synchronized void tryOnce(Duration nextDelay) {
    if (checked || retries.isShutdown()) {
      return;
    }
    attempts++;
    long now = System.nanoTime();
    try {
      attempt.run();
      checked = true;
      if (firstFailure >= 0) {
        log.info(
            "Topics checked on attempt {}, {} s after the first failed: Kafka at {} answers",
            attempts,
            Duration.ofNanos(now - firstFailure).toSeconds(),
            broker);
      }
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      if (firstFailure < 0) {
        firstFailure = now;
        lastLine = now;
        log.warn(
            "Topics not checked at start-up: Kafka at {} did not answer in time ({}). Starting"
                + " anyway (consumers and producers wait for the broker); checking again in {} ms",
            broker,
            rootCause(e),
            nextDelay.toMillis());
      } else if (now - lastLine >= REMINDER.toNanos()) {
        lastLine = now;
        log.warn(
            "Topics still not checked after {} s ({} attempts): {}",
            Duration.ofNanos(now - firstFailure).toSeconds(),
            attempts,
            rootCause(e));
      }
    }
    Duration after = nextDelay.multipliedBy(2);
    Duration next = after.compareTo(maxRetry) > 0 ? maxRetry : after;
    try {
      retries.schedule(() -> tryOnce(next), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // Closed meanwhile: the service is stopping.
    }
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + DeadLetters.oneLine(message));
  }
}
