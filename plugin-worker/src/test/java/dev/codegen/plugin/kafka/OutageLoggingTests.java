package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Language;
import dev.codegen.model.Topics;
import dev.codegen.plugin.Fixtures;
import dev.codegen.plugin.PluginWorkerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator reads while the broker is away: the worker running with the production log
 * levels (INFO, plus those in plugin-worker.yml), jobs in flight, the broker stopped for a while
 * and started again on the same port.
 */
class OutageLoggingTests {

  /** Loggers of the in-process broker and controller, which are not the worker's lines. */
  private static final List<String> BROKER_LOGGERS =
      List.of(
          "kafka.",
          "state.change.logger",
          "org.apache.kafka.controller",
          "org.apache.kafka.raft",
          "org.apache.kafka.metadata",
          "org.apache.kafka.image",
          "org.apache.kafka.server",
          "org.apache.kafka.storage",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.queue",
          "org.apache.kafka.network",
          "org.apache.kafka.security",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.logger");

  private static final Duration OUTAGE = Duration.ofSeconds(20);

  /** The client id prefix of this test's own producer and consumer, whose lines do not count. */
  private static final String TEST_CLIENT = "outage-test-";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EmbeddedKafkaKraftBroker broker;
  private ConfigurableApplicationContext app;
  private ListAppender<ILoggingEvent> lines;
  private final List<String> facts = new ArrayList<>();

  @AfterEach
  void stop() {
    if (lines != null) {
      root().detachAppender(lines);
    }
    if (app != null) {
      app.close();
    }
    if (broker != null) {
      broker.destroy();
    }
  }

  @Test
  void logsABrokerOutageAsTwoLinesAndLosesNoJob() throws Exception {
    broker = new EmbeddedKafkaKraftBroker(1, 6).kafkaPorts(freePort());
    broker.afterPropertiesSet();
    String servers = broker.getBrokersAsString();
    app =
        PluginWorkerApplication.builder()
            .run(
                "--spring.kafka.bootstrap-servers=" + servers,
                "--codegen.plugin.timeout=60s",
                "--codegen.ops.port=0",
                // Production levels: logback-test.xml quiets the Kafka libraries for other tests.
                "--logging.level.org.apache.kafka=INFO",
                "--logging.level.org.springframework.kafka=INFO",
                // Time compressed: sends fail after 15 s instead of 2 min, so batches in flight
                // fail and are retried within the outage, as they do in a long one.
                "--spring.kafka.producer.properties.delivery.timeout.ms=15000",
                "--spring.kafka.producer.properties.request.timeout.ms=3000",
                // -Doutage.group-protocol=classic measures the classic consumer.
                "--codegen.plugin.group-protocol="
                    + System.getProperty("outage.group-protocol", "consumer"));
    try (KafkaProducer<String, String> producer = producer(servers);
        KafkaConsumer<String, String> outcomes = consumer(servers)) {
      outcomes.subscribe(List.of(Topics.JOB_EVENTS));
      CodeGenerated warmUp = Fixtures.generated(Language.JAVA, Fixtures.HELLO_JAVA_MARKDOWN);
      producer.send(record(warmUp)).get();
      awaitFacts(outcomes, List.of(warmUp.jobId()), 4);

      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        CodeGenerated job = Fixtures.generated(Language.JAVA, Fixtures.HELLO_JAVA_MARKDOWN);
        jobs.add(job.jobId());
        producer.send(record(job));
      }
      producer.flush();
      // Stop the broker while the stages are busy with these jobs: some outputs are not yet sent.
      awaitFacts(outcomes, jobs.subList(0, 1), 1);

      BrokerServer server = broker.getCluster().brokers().values().iterator().next();
      server.shutdown();
      server.awaitShutdown();
      lines = new ListAppender<>();
      lines.start();
      root().addAppender(lines);
      long cpuBefore = cpuNanos();
      Thread.sleep(OUTAGE.toMillis());
      List<ILoggingEvent> duringOutage = workerLines();
      System.out.printf(
          "OUTAGE-LINES: CPU during the outage: %.0f%% of a core (worker and idle controller)%n",
          (cpuNanos() - cpuBefore) * 100.0 / OUTAGE.toNanos());
      server.startup();

      awaitFacts(outcomes, jobs, 4 * jobs.size());
      List<ILoggingEvent> all = workerLines();
      report(duringOutage, all);

      assertThat(duringOutage)
          .as("lines while the broker was away")
          .hasSizeLessThanOrEqualTo(3)
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("unreachable, retrying"));
      // The broker watch looks every 5 s: the jobs can all be through before its next look.
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(workerLines())
                      .anySatisfy(
                          e -> assertThat(e.getFormattedMessage()).contains("reachable again")));
    }
  }

  private List<ILoggingEvent> workerLines() {
    return List.copyOf(lines.list).stream()
        .filter(e -> BROKER_LOGGERS.stream().noneMatch(e.getLoggerName()::startsWith))
        .filter(e -> !e.getFormattedMessage().contains("clientId=" + TEST_CLIENT))
        // Only this test reads the job events (ConsumerUtils names no client).
        .filter(e -> !e.getFormattedMessage().contains(Topics.JOB_EVENTS))
        // The broker's own configuration dump on restart.
        .filter(e -> !e.getFormattedMessage().startsWith("KafkaConfig values"))
        .toList();
  }

  private static void report(List<ILoggingEvent> duringOutage, List<ILoggingEvent> all) {
    System.out.printf(
        "OUTAGE-LINES: %d worker lines in %d s of outage (%.1f/s); %d until recovered%n",
        duringOutage.size(),
        OUTAGE.toSeconds(),
        duringOutage.size() / (double) OUTAGE.toSeconds(),
        all.size());
    histogram("during outage", duringOutage);
    histogram("outage and recovery", all);
    all.stream()
        .filter(e -> !e.getFormattedMessage().startsWith("job "))
        .limit(60)
        .forEach(
            e ->
                System.out.printf(
                    "OUTAGE-LINE: %s %s %s%n",
                    e.getLevel(),
                    e.getLoggerName(),
                    e.getFormattedMessage().lines().findFirst().orElse("")));
  }

  private static void histogram(String title, List<ILoggingEvent> events) {
    Map<String, Integer> byLogger = new TreeMap<>();
    for (ILoggingEvent e : events) {
      byLogger.merge(e.getLevel() + " " + e.getLoggerName(), 1, Integer::sum);
    }
    System.out.printf("OUTAGE-LINES: %s:%n", title);
    byLogger.forEach((logger, n) -> System.out.printf("OUTAGE-LINES:   %5d %s%n", n, logger));
  }

  private void awaitFacts(KafkaConsumer<String, String> events, List<String> jobs, int expected) {
    await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () -> {
              events.poll(Duration.ofMillis(200)).forEach(r -> facts.add(r.key()));
              List<String> ofJobs = facts.stream().filter(jobs::contains).toList();
              return ofJobs.stream().distinct().count() == jobs.size() && ofJobs.size() >= expected;
            });
  }

  private static ProducerRecord<String, String> record(CodeGenerated job) {
    return new ProducerRecord<>(Topics.GENERATED, job.jobId(), JSON.writeValueAsString(job));
  }

  private static KafkaProducer<String, String> producer(String servers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ProducerConfig.CLIENT_ID_CONFIG,
            TEST_CLIENT + UUID.randomUUID()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String servers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.CLIENT_ID_CONFIG,
            TEST_CLIENT + UUID.randomUUID()),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
