package dev.codegen.plugin.kafka;

import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Starts and stops the stage containers with the application. Their number follows the configured
 * plugin order, so they are built in code rather than declared with {@code @KafkaListener}.
 */
final class StageContainers implements SmartLifecycle {

  private final List<ConcurrentMessageListenerContainer<String, String>> containers;
  private volatile boolean running;

  StageContainers(List<ConcurrentMessageListenerContainer<String, String>> containers) {
    this.containers = List.copyOf(containers);
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
    containers.forEach(ConcurrentMessageListenerContainer::start);
    running = true;
  }

  @Override
  public void stop() {
    containers.forEach(ConcurrentMessageListenerContainer::stop);
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
