package dev.codegen.worker.kafka;

import dev.codegen.model.Topics;
import dev.codegen.ops.ReadinessCheck;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.StageTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the worker to Kafka.
 *
 * <p>Why our own consumer loop instead of share groups (KIP-932) or a listener container: share
 * groups on Kafka 4.1 are a preview and lock a delivered record for about 30 s by default (a slow
 * model call would be handed to a second worker). spring-kafka's out-of-order manual acks stop
 * fetching until every record of a poll is acknowledged, so one slow job holds back the next poll.
 * {@link RequestConsumerLoop} keeps polling, pauses only at the concurrency limit and commits each
 * partition up to its first unfinished record, so an uncommitted job is redelivered if its worker
 * dies. The consumer still comes from Spring's {@link ConsumerFactory} ({@code spring.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerKafkaProperties.class)
class KafkaWorkerConfiguration {

  private static final AtomicInteger CONSUMER_IDS = new AtomicInteger();

  @Bean
  NewTopic requestsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.REQUESTS, properties);
  }

  @Bean
  NewTopic requestsDeadLetterTopic(WorkerKafkaProperties properties) {
    return topic(Topics.deadLetter(Topics.REQUESTS), properties);
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
  BoundedJobExecutor jobExecutor(ObjectProvider<MeterRegistry> registry) {
    // Jobs start on the request consumer's thread (rails, input gates, handing the request to the
    // HTTP client), not behind the answers queued on the CPU pool: when a thousand answers arrive
    // together, a start queued there waited for all of them (docs/BENCHMARKS.md, run 5).
    BoundedJobExecutor executor = new BoundedJobExecutor(Runnable::run);
    Gauge.builder("codegen.worker.in_flight", executor, BoundedJobExecutor::inFlight)
        .description("Jobs running in this worker now")
        .register(registry.getIfAvailable(() -> Metrics.globalRegistry));
    return executor;
  }

  @Bean
  RequestListener requestListener(
      GenerateCode generateCode,
      DeadLetters deadLetters,
      BoundedJobExecutor executor,
      StageTimer timer) {
    return new RequestListener(generateCode, deadLetters, executor, timer, Clock.systemUTC());
  }

  @Bean
  RequestConsumerLoop requestConsumerLoop(
      ConsumerFactory<?, ?> consumerFactory,
      RequestListener listener,
      BoundedJobExecutor executor,
      WorkerKafkaProperties properties) {
    return new RequestConsumerLoop(
        () -> consumer(consumerFactory, properties), listener, executor, properties);
  }

  /** {@code /health/readiness} is UP only while the request consumer loop runs. */
  @Bean
  ReadinessCheck requestConsumerReadiness(RequestConsumerLoop loop) {
    return ReadinessCheck.of("kafka-consumer", loop::isRunning);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<String, String> consumer(
      ConsumerFactory<?, ?> factory, WorkerKafkaProperties properties) {
    Properties overrides = new Properties();
    overrides.setProperty(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        String.valueOf(properties.effectiveMaxPollRecords()));
    // The loop commits; the consumer must never do it on its own.
    overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return (Consumer<String, String>)
        factory.createConsumer(
            RequestConsumerLoop.GROUP,
            "codegen-generation-worker",
            // Several workers may share a JVM (tests, the launcher): client ids must differ.
            "-" + CONSUMER_IDS.incrementAndGet(),
            overrides);
  }

  private static NewTopic topic(String name, WorkerKafkaProperties properties) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .build();
  }
}
