package dev.codegen.plugin.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Starts and stops the stage containers with the application. Their number follows the configured
 * plugin order, so they are built in code rather than declared with {@code @KafkaListener}.
 */
final class StageContainers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StageContainers.class);

  /** Longest wait for the stages' consumers to finish their batches, commit and leave. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final List<ConcurrentMessageListenerContainer<String, String>> containers;
  private final Runnable warmUp;
  private volatile boolean running;

  StageContainers(List<ConcurrentMessageListenerContainer<String, String>> containers) {
    this(containers, () -> {});
  }

  /**
   * @param warmUp runs before the consumers start (join their groups), so that partitions moving
   *     here are not held up by this JVM's first plugin runs
   */
  StageContainers(
      List<ConcurrentMessageListenerContainer<String, String>> containers, Runnable warmUp) {
    this.containers = List.copyOf(containers);
    this.warmUp = warmUp;
  }

  List<ConcurrentMessageListenerContainer<String, String>> containers() {
    return containers;
  }

  /**
   * Whether every stage consumes: started, and no container or consumer thread stopped on its own
   * (e.g. a fatal error). A broker that is merely away does not count: the consumers wait for it.
   */
  boolean consuming() {
    return running && containers.stream().allMatch(c -> c.isRunning() && c.isInExpectedState());
  }

  @Override
  public void start() {
    long start = System.nanoTime();
    try {
      warmUp.run();
      log.info("Warmed up in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    } catch (RuntimeException e) {
      log.warn("Warm-up failed, the first jobs load what it did not: {}", e.toString());
    }
    containers.forEach(ConcurrentMessageListenerContainer::start);
    running = true;
  }

  /**
   * Stops every stage at once: each finishes its batch, commits and leaves its group, so that all
   * stages' partitions move to the other workers together, not one stage after another.
   */
  @Override
  public void stop() {
    CountDownLatch stopped = new CountDownLatch(containers.size());
    containers.forEach(container -> container.stop(stopped::countDown));
    try {
      if (!stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Stage consumers still stopping after {} s", STOP_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Same phase as @KafkaListener containers: after the producer and admin are ready.
    return ConcurrentMessageListenerContainer.DEFAULT_PHASE;
  }
}
