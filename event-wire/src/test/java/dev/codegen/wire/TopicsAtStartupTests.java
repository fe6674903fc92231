package dev.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class TopicsAtStartupTests {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** A logger that records the level and the formatted-enough text of every line. */
  private Logger recording() {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (List.of("error", "warn", "info").contains(name) && args != null) {
                StringBuilder line = new StringBuilder(name);
                for (Object arg : args) {
                  line.append(' ').append(arg instanceof Object[] a ? List.of(a) : arg);
                }
                lines.add(line.toString());
              }
              return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
  }

  /** What KafkaAdmin.initialize() throws when the first metadata answer is late. */
  private static Exception late() {
    return new IllegalStateException(
        "Could not configure topics",
        new java.util.concurrent.ExecutionException(
            new TimeoutException(
                "Timed out waiting for a node assignment. Call: describeCluster")));
  }

  @Test
  void aSlowBrokerIsOneWarningThenRetriedUntilTheTopicsAreChecked() {
    AtomicInteger calls = new AtomicInteger();
    try (TopicsAtStartup topics =
        new TopicsAtStartup(
            () -> {
              if (calls.incrementAndGet() < 4) {
                throw late();
              }
              return true;
            },
            "127.0.0.1:9092",
            recording(),
            Duration.ofMillis(10),
            Duration.ofMillis(40))) {

      topics.start();
      assertThat(topics.checked()).isFalse();

      await().atMost(Duration.ofSeconds(10)).until(topics::checked);
    }
    assertThat(calls).hasValue(4);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("warn Topics not checked at start-up")
        .contains("127.0.0.1:9092")
        .contains("TimeoutException: Timed out waiting for a node assignment")
        .contains("Starting anyway");
    assertThat(lines.get(1)).startsWith("info Topics checked on attempt").contains("4");
    assertThat(lines).noneMatch(line -> line.startsWith("error"));
  }

  @Test
  void aBrokerThatAnswersAtOnceWritesNothing() {
    AtomicInteger calls = new AtomicInteger();
    try (TopicsAtStartup topics =
        new TopicsAtStartup(
            () -> calls.incrementAndGet() > 0,
            "127.0.0.1:9092",
            recording(),
            Duration.ofMillis(10),
            Duration.ofMillis(40))) {
      topics.start();
      assertThat(topics.checked()).isTrue();
    }
    assertThat(calls).hasValue(1);
    assertThat(lines).isEmpty();
  }

  @Test
  void closingStopsTheRetries() {
    AtomicInteger calls = new AtomicInteger();
    TopicsAtStartup topics =
        new TopicsAtStartup(
            () -> {
              calls.incrementAndGet();
              throw late();
            },
            "127.0.0.1:9092",
            recording(),
            Duration.ofMillis(5),
            Duration.ofMillis(5));
    topics.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
    topics.close();
    int after = calls.get();

    // Retries run on the closed executor's one thread: none is scheduled once it is shut down.
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(2))
        .until(() -> calls.get() <= after + 1);
    assertThat(topics.checked()).isFalse();
    assertThat(lines).hasSize(1).allMatch(line -> line.startsWith("warn"));
  }
}
