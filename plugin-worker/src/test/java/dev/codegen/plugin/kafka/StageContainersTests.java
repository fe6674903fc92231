package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

class StageContainersTests {

  private static ConcurrentMessageListenerContainer<String, String> container(String topic) {
    ContainerProperties properties = new ContainerProperties(topic);
    properties.setGroupId("test-" + topic);
    properties.setPollTimeout(100);
    properties.setMessageListener((MessageListener<String, String>) record -> {});
    DefaultKafkaConsumerFactory<String, String> consumers =
        new DefaultKafkaConsumerFactory<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
            new StringDeserializer(),
            new StringDeserializer());
    return new ConcurrentMessageListenerContainer<>(consumers, properties);
  }

  @Test
  void consumesOnlyWhileEveryStageContainerRuns() {
    ConcurrentMessageListenerContainer<String, String> format = container("format");
    ConcurrentMessageListenerContainer<String, String> javac = container("javac");
    StageContainers stages = new StageContainers(List.of(format, javac));

    assertThat(stages.consuming()).isFalse();
    stages.start();
    try {
      assertThat(stages.consuming()).isTrue();
      javac.stop();
      assertThat(stages.consuming()).isFalse();
    } finally {
      stages.stop();
    }
    assertThat(stages.consuming()).isFalse();
  }
}
