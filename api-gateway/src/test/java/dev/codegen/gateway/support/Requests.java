package dev.codegen.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Test fixtures: request bodies and a consumer that reads a topic from the start. */
public final class Requests {

  private Requests() {}

  public static String valid() {
    return """
        {"prompt":"a function that reverses a string","language":"python","max_tokens":256,
         "metadata":{"team":"data"},"custom_id":"c-1","batch_id":"b-1"}
        """;
  }

  /** Every record on {@code topic} read until {@code atLeast} arrived or the timeout passed. */
  public static List<ConsumerRecord<String, String>> read(
      EmbeddedKafkaBroker broker, String topic, int atLeast, Duration timeout) {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
    props.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * The keys among {@code wanted} that records of {@code topic} carry, read from its start until
   * every wanted key was seen or {@code timeout} passed (records of earlier tests may come first).
   */
  public static Set<String> keysSeen(
      EmbeddedKafkaBroker broker, String topic, Set<String> wanted, Duration timeout) {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
    props.put("auto.offset.reset", "earliest");
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.size() < wanted.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.contains(record.key())) {
            seen.add(record.key());
          }
        }
      }
    }
    return seen;
  }
}
