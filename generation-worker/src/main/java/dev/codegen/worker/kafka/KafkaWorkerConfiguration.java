package dev.codegen.worker.kafka;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.Topics;
import dev.codegen.worker.generation.GenerateCode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wires the worker to Kafka.
 *
 * <p>Why async acks and a pool instead of share groups (KIP-932): share groups on Kafka 4.1 are a
 * preview, lock a delivered record for about 30 s by default (a slow model call would be handed to
 * a second worker) and need hand-built Spring factories. A classic consumer group with out-of-order
 * manual acks gives many calls in flight per partition today: the container commits an offset only
 * when every earlier one is acknowledged, and pauses fetching until a poll's records are all done,
 * so at most {@code max.poll.records} (= concurrency) jobs are in flight per consumer and an
 * uncommitted job is redelivered if its worker dies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerKafkaProperties.class)
class KafkaWorkerConfiguration {

  static final String CONTAINER_FACTORY = "requestListenerContainerFactory";

  @Bean
  NewTopic requestsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.REQUESTS, properties);
  }

  @Bean
  NewTopic requestsDeadLetterTopic(WorkerKafkaProperties properties) {
    return topic(Topics.deadLetter(Topics.REQUESTS), properties);
  }

  @Bean(name = CONTAINER_FACTORY)
  @SuppressWarnings({"unchecked", "rawtypes"})
  ConcurrentKafkaListenerContainerFactory<Object, Object> requestListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<?, ?> consumerFactory,
      KafkaTemplate<String, String> template) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, (ConsumerFactory) consumerFactory);
    factory.getContainerProperties().setAckMode(AckMode.MANUAL);
    factory.getContainerProperties().setAsyncAcks(true);
    factory.setCommonErrorHandler(listenerErrorHandler(template));
    return factory;
  }

  /**
   * Only the listener thread's own failures land here (reading a record, submitting it): the model
   * call runs on the pool, so this handler never re-runs one. No retries: the record goes straight
   * to the dead-letter topic and the partition moves on.
   */
  private static DefaultErrorHandler listenerErrorHandler(KafkaTemplate<String, String> template) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template, (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    recoverer.setHeadersFunction(
        (record, error) -> {
          RecordHeaders headers = new RecordHeaders();
          String reason = "listener error: " + rootCause(error).getClass().getSimpleName();
          headers.add(EventHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
          return headers;
        });
    return new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0));
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Bean
  ReliableSender reliableSender(KafkaTemplate<String, String> template) {
    return new ReliableSender(template);
  }

  @Bean
  KafkaJobEvents kafkaJobEvents(ReliableSender sender) {
    return new KafkaJobEvents(sender);
  }

  @Bean
  DeadLetters deadLetters(ReliableSender sender) {
    return new DeadLetters(sender);
  }

  @Bean
  RequestListener requestListener(
      GenerateCode generateCode, DeadLetters deadLetters, WorkerKafkaProperties properties) {
    return new RequestListener(generateCode, deadLetters, properties);
  }

  private static NewTopic topic(String name, WorkerKafkaProperties properties) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .build();
  }
}
