package dev.codegen.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.launcher.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTests {

  @TempDir Path dataDirectory;

  @Test
  void roundTripsARecordAndKeepsItAcrossARestart() throws Exception {
    String topic = "launcher.round-trip." + UUID.randomUUID();
    try (LocalKafkaBroker broker = broker(0).start()) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
        producer.send(new ProducerRecord<>(topic, "job-1", "{\"hello\":\"kafka\"}")).get();
      }
      assertThat(consumeAll(broker.bootstrapServers(), topic, 1))
          .containsExactly("{\"hello\":\"kafka\"}");
    }
    assertThat(dataDirectory.resolve("meta.properties")).exists();

    // The formatted log directory is reused: same cluster, same records.
    try (LocalKafkaBroker restarted = broker(0).start()) {
      assertThat(consumeAll(restarted.bootstrapServers(), topic, 1))
          .containsExactly("{\"hello\":\"kafka\"}");
    }
  }

  @Test
  void fallsBackToAFreePortWhenThePreferredOneIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LocalKafkaBroker broker = broker(taken.getLocalPort()).start()) {
      assertThat(broker.bootstrapServers()).doesNotEndWith(":" + taken.getLocalPort());
      try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
        assertThat(producer.partitionsFor("launcher.fallback")).isNotEmpty();
      }
    }
  }

  @Test
  void usesThePreferredPortWhenItIsFree() {
    int port = Ports.free();
    try (LocalKafkaBroker broker = broker(port).start()) {
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void refusesAddressQuestionsBeforeStartAndToleratesDoubleClose() {
    LocalKafkaBroker broker = broker(0);
    assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
    broker.close();
    broker.close();
  }

  @Test
  void appliesOverridesAfterItsOwnSingleNodeDefaults() {
    LocalKafkaBroker broker =
        new LocalKafkaBroker(
            new KafkaBrokerSettings(0, dataDirectory, Map.of("num.partitions", "3")));
    var properties = broker.brokerProperties(1234, 1235);
    assertThat(properties)
        .containsEntry("num.partitions", "3")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:1235");
  }

  @Test
  void reportsALogDirectoryItCannotCreate() throws Exception {
    Path file = Files.writeString(dataDirectory.resolve("not-a-directory"), "x");
    LocalKafkaBroker broker =
        new LocalKafkaBroker(new KafkaBrokerSettings(0, file.resolve("kafka")));
    assertThatThrownBy(broker::start).hasMessageContaining("cannot create");
  }

  private LocalKafkaBroker broker(int port) {
    return new LocalKafkaBroker(new KafkaBrokerSettings(port, dataDirectory));
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "launcher-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
