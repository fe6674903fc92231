package dev.codegen.gateway.messaging;

import dev.codegen.model.Topics;
import dev.codegen.wire.TopicsAtStartup;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the gateway writes or consumes, with the dead-letter twins of those it consumes. Every
 * service declares the topics it needs, so each one starts alone against an empty broker.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

  /** Long enough for any queued job to be reached; a worker reads them all at start. */
  static final Duration CANCELLATION_RETENTION = Duration.ofDays(7);

  @Bean
  KafkaAdmin.NewTopics gatewayTopics(KafkaSettings settings) {
    NewTopic cancellations = topic(Topics.CANCELLATIONS, settings);
    cancellations.configs(
        Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(CANCELLATION_RETENTION.toMillis())));
    return new KafkaAdmin.NewTopics(
        topic(Topics.REQUESTS, settings),
        topic(Topics.deadLetter(Topics.REQUESTS), settings),
        topic(Topics.JOBS, settings),
        cancellations,
        topic(Topics.OUTCOMES, settings),
        topic(Topics.deadLetter(Topics.OUTCOMES), settings),
        topic(Topics.RESULTS, settings),
        topic(Topics.JOB_EVENTS, settings),
        topic(Topics.deadLetter(Topics.JOB_EVENTS), settings));
  }

  /**
   * Topics checked (created when missing) as the context starts; a broker slow to answer is a WARN
   * and retries, not KafkaAdmin's ERROR (see {@link TopicsAtStartup}).
   */
  @Bean(destroyMethod = "close")
  TopicsAtStartup topicsAtStartup(KafkaAdmin admin) {
    return TopicsAtStartup.standard(
        admin::initialize,
        admin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  /** After every topic bean exists, before the consumers start. */
  @Bean
  SmartInitializingSingleton checkTopicsAtStartup(TopicsAtStartup topics) {
    return topics::start;
  }

  private static NewTopic topic(String name, KafkaSettings settings) {
    return new NewTopic(name, settings.partitions(), settings.replicationFactor());
  }
}
