package dev.codegen.gateway.messaging;

import dev.codegen.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the gateway writes or consumes, with the dead-letter twins of those it consumes. Every
 * service declares the topics it needs, so each one starts alone against an empty broker.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

  @Bean
  KafkaAdmin.NewTopics gatewayTopics(KafkaSettings settings) {
    return new KafkaAdmin.NewTopics(
        topic(Topics.REQUESTS, settings),
        topic(Topics.deadLetter(Topics.REQUESTS), settings),
        topic(Topics.RESULTS, settings),
        topic(Topics.deadLetter(Topics.RESULTS), settings),
        topic(Topics.JOB_EVENTS, settings),
        topic(Topics.deadLetter(Topics.JOB_EVENTS), settings));
  }

  private static NewTopic topic(String name, KafkaSettings settings) {
    return new NewTopic(name, settings.partitions(), settings.replicationFactor());
  }
}
