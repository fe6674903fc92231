package dev.codegen.worker.kafka;

import dev.codegen.model.Topics;
import dev.codegen.ops.ReadinessCheck;
import dev.codegen.wire.ClientIds;
import dev.codegen.wire.TopicsAtStartup;
import dev.codegen.wire.TraceHeaders;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.RepairCode;
import dev.codegen.worker.generation.StageTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the worker to Kafka.
 *
 * <p>Why our own consumer loop instead of share groups (KIP-932) or a listener container: share
 * groups on Kafka 4.1 are a preview and lock a delivered record for about 30 s by default (a slow
 * model call would be handed to a second worker). spring-kafka's out-of-order manual acks stop
 * fetching until every record of a poll is acknowledged, so one slow job holds back the next poll.
 * {@link RequestConsumerLoop} keeps polling, pauses only at the concurrency limit and commits each
 * partition's first unfinished record with the done offsets above it in the commit metadata. The
 * consumers still come from Spring's {@link ConsumerFactory} ({@code spring.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerKafkaProperties.class)
class KafkaWorkerConfiguration {

  static final String ROLE = "codegen-generation-worker";

  /** Finished job ids remembered against relay duplicates, and cancellations remembered. */
  static final int REMEMBERED_JOBS = 100_000;

  @Bean
  NewTopic jobsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.JOBS, properties).build();
  }

  @Bean
  NewTopic jobsDeadLetterTopic(WorkerKafkaProperties properties) {
    return topic(Topics.deadLetter(Topics.JOBS), properties).build();
  }

  /** Retained as long as workers remember cancellations; a worker reads it all at start-up. */
  @Bean
  NewTopic cancellationsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.CANCELLATIONS, properties)
        .config(
            TopicConfig.RETENTION_MS_CONFIG,
            String.valueOf(properties.cancellationRetention().toMillis()))
        .build();
  }

  @Bean
  NewTopic repairsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.REPAIRS, properties).build();
  }

  @Bean
  NewTopic repairsDeadLetterTopic(WorkerKafkaProperties properties) {
    return topic(Topics.deadLetter(Topics.REPAIRS), properties).build();
  }

  @Bean
  NewTopic generatedTopic(WorkerKafkaProperties properties) {
    return topic(Topics.GENERATED, properties).build();
  }

  @Bean
  NewTopic outcomesTopic(WorkerKafkaProperties properties) {
    return topic(Topics.OUTCOMES, properties).build();
  }

  @Bean
  NewTopic jobEventsTopic(WorkerKafkaProperties properties) {
    return topic(Topics.JOB_EVENTS, properties).build();
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

  /** Two workers with one producer id would share quotas and metrics, and logs could not tell. */
  @Bean
  DefaultKafkaProducerFactoryCustomizer uniqueProducerClientId() {
    return factory ->
        factory.updateConfigs(
            Map.of(ProducerConfig.CLIENT_ID_CONFIG, ClientIds.unique(ROLE + "-producer")));
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
  JobsInFlight jobsInFlight(
      WorkerKafkaProperties properties, ObjectProvider<MeterRegistry> registry) {
    JobsInFlight jobs =
        new JobsInFlight(REMEMBERED_JOBS, properties.cancellationRetention(), Clock.systemUTC());
    Gauge.builder("codegen.jobs.in_flight", jobs, JobsInFlight::inFlight)
        .description("Jobs running in this worker now")
        .register(registry.getIfAvailable(() -> Metrics.globalRegistry));
    return jobs;
  }

  @Bean
  CancellationReader cancellationReader(ConsumerFactory<?, ?> consumerFactory, JobsInFlight jobs) {
    return new CancellationReader(() -> cancellationConsumer(consumerFactory), jobs);
  }

  @Bean
  RequestListener requestListener(
      GenerateCode generateCode,
      RepairCode repairCode,
      ReliableSender sender,
      JobsInFlight jobs,
      StageTimer timer,
      TraceHeaders traces) {
    return new RequestListener(
        generateCode, repairCode, sender, jobs, timer, Clock.systemUTC(), traces);
  }

  @Bean
  RequestConsumerLoop requestConsumerLoop(
      ConsumerFactory<?, ?> consumerFactory,
      RequestListener listener,
      JobsInFlight jobs,
      CancellationReader cancellations,
      WorkerKafkaProperties properties) {
    return new RequestConsumerLoop(
        () -> jobConsumer(consumerFactory, properties), listener, jobs, cancellations, properties);
  }

  /** {@code /health/readiness} is UP only while the job consumer loop runs. */
  @Bean
  ReadinessCheck requestConsumerReadiness(RequestConsumerLoop loop) {
    return ReadinessCheck.of("kafka-consumer", loop::isRunning);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<String, String> jobConsumer(
      ConsumerFactory<?, ?> factory, WorkerKafkaProperties properties) {
    Properties overrides = new Properties();
    overrides.setProperty(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        String.valueOf(properties.effectiveMaxPollRecords()));
    // The loop commits; the consumer must never do it on its own.
    overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Only partitions that move are revoked, and the loop hands each over deliberately. KIP-848
    // (broker-side assignment, Kafka 4.0+) takes no assignor or session timeout from clients; the
    // classic protocol gets the cooperative assignor alone (its default list starts with the
    // eager RangeAssignor, which revokes every partition at each rebalance).
    overrides.setProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG, properties.groupProtocol());
    if ("classic".equalsIgnoreCase(properties.groupProtocol())) {
      overrides.setProperty(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    return (Consumer<String, String>)
        factory.createConsumer(RequestConsumerLoop.GROUP, ClientIds.unique(ROLE), "", overrides);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<String, String> cancellationConsumer(ConsumerFactory<?, ?> factory) {
    Properties overrides = new Properties();
    overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    overrides.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // No group: every worker reads every cancellation, by assign().
    return (Consumer<String, String>)
        factory.createConsumer(null, ClientIds.unique(ROLE + "-cancellations"), "", overrides);
  }

  private static TopicBuilder topic(String name, WorkerKafkaProperties properties) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor());
  }
}
