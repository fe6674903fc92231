package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BrokerWatchTests {

  @Test
  void saysOnceThatABrokerItCannotReachIsDown() {
    Logger logger = (Logger) LoggerFactory.getLogger(BrokerWatch.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    BrokerWatch watch =
        new BrokerWatch(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("127.0.0.1:1", "127.0.0.1:2")),
            Duration.ofMillis(300),
            Duration.ofMinutes(1));
    long before = System.nanoTime();
    watch.start();
    try {
      assertThat(watch.isRunning()).isTrue();

      watch.check();
      watch.check();

      assertThat(watch.downSince(before)).isTrue();
      assertThat(lines.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(line -> line.contains("unreachable"))
          .hasSize(1)
          .allMatch(
              line ->
                  line.startsWith("Kafka at 127.0.0.1:1,127.0.0.1:2 is unreachable, retrying: "));
    } finally {
      watch.stop();
      logger.detachAppender(lines);
    }
    assertThat(watch.isRunning()).isFalse();
  }
}
