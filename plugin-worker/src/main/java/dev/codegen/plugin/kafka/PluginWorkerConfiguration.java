package dev.codegen.plugin.kafka;

import dev.codegen.model.Language;
import dev.codegen.model.Topics;
import dev.codegen.ops.ReadinessCheck;
import dev.codegen.plugin.extract.ExtractPlugin;
import dev.codegen.plugin.javac.JavacPlugin;
import dev.codegen.plugin.javaformat.JavaFormatPlugin;
import dev.codegen.plugin.pipeline.ByLanguage;
import dev.codegen.plugin.pipeline.FindingPolicy;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.Stage;
import dev.codegen.plugin.pipeline.StageRunner;
import dev.codegen.plugin.security.SecurityPlugin;
import dev.codegen.plugin.syntax.CheckerPools;
import dev.codegen.plugin.syntax.SourceFormatPlugin;
import dev.codegen.plugin.syntax.SyntaxPlugin;
import dev.codegen.plugin.tests.SandboxSettings;
import dev.codegen.plugin.tests.TestsPlugin;
import dev.codegen.wire.ClientIds;
import dev.codegen.wire.OutageLog;
import dev.codegen.wire.TopicsAtStartup;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the plugins into stages and each stage to its topics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  PluginWorkerProperties.class,
  TopicProperties.class,
  TestsProperties.class,
  CheckersProperties.class
})
class PluginWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PluginWorkerConfiguration.class);

  /** Past the producer's own delivery timeout (2 min) so its verdict, not ours, is what we see. */
  private static final Duration SEND_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  /** How often a continuing outage is logged again. */
  private static final Duration REMINDER = Duration.ofMinutes(1);

  @Bean
  ExtractPlugin extractPlugin() {
    return new ExtractPlugin();
  }

  /** The long-lived Python and Node checkers, shared by the syntax and format stages. */
  @Bean(destroyMethod = "close")
  CheckerPools checkerPools(PluginWorkerProperties properties) {
    return CheckerPools.onPath(properties.checkerProcesses());
  }

  /**
   * The {@code format} stage: google-java-format for Java in the JVM, the ecosystem's formatter for
   * the others ({@link SourceFormatPlugin}).
   */
  @Bean
  ByLanguage formatPlugin(
      PluginWorkerProperties properties, CheckersProperties checkers, CheckerPools pools) {
    if (!JavaFormatPlugin.jvmFlagsPresent()) {
      log.warn(
          "google-java-format needs these JVM flags, the format stage will report errors: {}",
          String.join(" ", JavaFormatPlugin.REQUIRED_JVM_FLAGS));
    }
    return new ByLanguage(
        JavaFormatPlugin.NAME,
        Map.of(Language.JAVA, new JavaFormatPlugin()),
        new SourceFormatPlugin(pools, properties.toolTimeout(), checkers.requireFormat()));
  }

  @Bean
  JavacPlugin javacPlugin() {
    return new JavacPlugin();
  }

  @Bean
  SyntaxPlugin syntaxPlugin(PluginWorkerProperties properties, CheckerPools pools) {
    return new SyntaxPlugin(pools, properties.toolTimeout());
  }

  /**
   * Starts the long-lived checker processes at worker start and logs, one line per language, the
   * checker, linter and formatter the configured stages use: tool and version, or MISSING and why.
   */
  @Bean
  CheckerInventory checkerInventory(
      PluginWorkerProperties properties, CheckersProperties checkers, List<Plugin> plugins) {
    CheckerInventory inventory = CheckerInventory.of(properties.order(), plugins);
    inventory
        .lines()
        .forEach((language, line) -> log.info("checkers {}: {}", language.wireName(), line));
    Map<String, String> missing = inventory.missing();
    if (!missing.isEmpty()) {
      log.warn(
          "{} configured tool(s) missing, {}: {} (bin/setup-checkers installs them)",
          missing.size(),
          checkers.require()
              ? "readiness is DOWN (CODEGEN_PLUGIN_REQUIRE_CHECKERS=true)"
              : "readiness stays UP and lists them",
          missing.keySet());
    }
    return inventory;
  }

  @Bean
  SecurityPlugin securityPlugin(PluginWorkerProperties properties) {
    SecurityPlugin plugin = new SecurityPlugin(properties.toolTimeout(), properties.spotbugs());
    List<String> missing = plugin.missingTools();
    if (!missing.isEmpty() && properties.order().contains(SecurityPlugin.NAME)) {
      log.warn(
          "security analysers not on PATH, their languages' jobs get a skipped verdict: {}"
              + " (bin/setup-checkers installs them)",
          missing);
    }
    return plugin;
  }

  /**
   * The opt-in {@code tests} stage. When it is configured, the sandbox is tried at start and the
   * result logged: its limits, or why tests will be skipped.
   */
  @Bean
  TestsPlugin testsPlugin(PluginWorkerProperties properties, TestsProperties tests) {
    SandboxSettings settings = tests.settings();
    TestsPlugin plugin = new TestsPlugin(settings);
    if (properties.order().contains(TestsPlugin.NAME)) {
      log.info("tests stage: {}", plugin.describe());
      if (settings.wallTime().compareTo(properties.timeout()) >= 0) {
        log.warn(
            "the tests sandbox's wall time {} is not below the plugin timeout {}: a slow run is"
                + " reported as the stage's timeout, without its output",
            settings.wallTime(),
            properties.timeout());
      }
    }
    return plugin;
  }

  @Bean(destroyMethod = "close")
  StageRunner stageRunner(PluginWorkerProperties properties) {
    return new StageRunner(properties.timeout());
  }

  /** Fails startup, naming the culprit, when the configured order names an unknown plugin. */
  @Bean
  Pipeline pipeline(PluginWorkerProperties properties, List<Plugin> plugins, StageRunner runner) {
    Pipeline pipeline =
        Pipeline.of(
            properties.order(),
            plugins,
            runner,
            Clock.systemUTC(),
            FindingPolicy.parse(properties.gatesBlockAt()),
            properties.requireCompleteChecks(),
            properties.repair());
    log.info(
        "plugin stages: {}; incomplete checks {}; failed checks {}",
        pipeline.stages().stream().map(Stage::name).toList(),
        properties.requireCompleteChecks() ? "fail the job (check_incomplete)" : "are reported",
        properties.repair() ? "go back to the model once (CODEGEN_REPAIR)" : "fail the job");
    return pipeline;
  }

  @Bean
  KafkaAdmin.NewTopics pluginWorkerTopics(Pipeline pipeline, TopicProperties topics) {
    Set<String> names = new LinkedHashSet<>();
    for (String input : pipeline.inputTopics()) {
      names.add(input);
      names.add(Topics.deadLetter(input));
    }
    names.add(Topics.OUTCOMES);
    names.add(Topics.JOB_EVENTS);
    names.add(Topics.REPAIRS);
    List<NewTopic> newTopics = new ArrayList<>();
    for (String name : names) {
      newTopics.add(
          TopicBuilder.name(name)
              .partitions(topics.partitions())
              .replicas(topics.replicationFactor())
              .build());
    }
    return new KafkaAdmin.NewTopics(newTopics.toArray(NewTopic[]::new));
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

  @Bean
  StageContainers stageContainers(
      Pipeline pipeline,
      PluginWorkerProperties properties,
      ConsumerFactory<String, String> consumers,
      KafkaTemplate<String, String> kafka,
      BrokerWatch broker,
      ObjectProvider<MeterRegistry> meters,
      TraceHeaders traces) {
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    StageListener.Publishing publishing =
        new StageListener.Publishing(
            new OutageLog(
                LoggerFactory.getLogger(StageListener.class),
                "Kafka, for the stages' outputs,",
                REMINDER),
            broker::downSince);
    List<ConcurrentMessageListenerContainer<String, String>> containers = new ArrayList<>();
    for (Stage stage : pipeline.stages()) {
      ContainerProperties container = new ContainerProperties(stage.inputTopic());
      container.setGroupId("codegen-plugin-" + stage.name());
      // A prefix: the concurrent container appends -0, -1... per consumer thread.
      container.setClientId(ClientIds.unique("codegen-plugin-" + stage.name()));
      container.setAckMode(ContainerProperties.AckMode.BATCH);
      // A stopping worker waits for each consumer's poll to return before it commits and leaves
      // (5 s by default): its partitions reach the other workers that much later.
      container.setPollTimeout(POLL_TIMEOUT.toMillis());
      Properties consumer = container.getKafkaConsumerProperties();
      consumer.setProperty(
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.maxPollRecords()));
      consumer.setProperty(
          ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
          String.valueOf(properties.maxPollInterval().toMillis()));
      // KIP-848 (the default, "consumer"): the broker assigns partitions incrementally, so a worker
      // joining or leaving moves only the partitions that change hands; the others keep consuming
      // through the rebalance. The assignor, session timeout and heartbeat interval are then the
      // broker's (the client refuses them), so none is set here.
      consumer.setProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG, properties.groupProtocol());
      if ("classic".equalsIgnoreCase(properties.groupProtocol())) {
        // The fallback: incremental too, but negotiated by the clients.
        consumer.setProperty(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            CooperativeStickyAssignor.class.getName());
      }
      container.setMessageListener(
          new StageListener(
              stage,
              kafka,
              new RecentJobs(properties.recentJobs()),
              registry,
              SEND_TIMEOUT,
              publishing,
              traces));
      ConcurrentMessageListenerContainer<String, String> listener =
          new ConcurrentMessageListenerContainer<>(consumers, container);
      listener.setConcurrency(properties.concurrency());
      listener.setBeanName("stage-" + stage.name());
      listener.setCommonErrorHandler(retryForever());
      containers.add(listener);
    }
    return new StageContainers(containers, pipeline::warmUp);
  }

  /** Logs a broker outage as two lines: down (with a reminder a minute) and back. */
  @Bean
  BrokerWatch brokerWatch(KafkaAdmin admin) {
    return new BrokerWatch(admin.getConfigurationProperties(), Duration.ofSeconds(5), REMINDER);
  }

  /**
   * Instead of Boot's {@code LoggingProducerListener}, which logs every failed record at ERROR with
   * a stack trace and the start of its payload (a hundred lines a second in an outage under load):
   * a failed send reaches the stage listener through its future, which logs it once ({@link
   * StageListener.Publishing}) and has the batch retried.
   */
  @Bean
  ProducerListener<Object, Object> kafkaProducerListener() {
    return new ProducerListener<>() {};
  }

  /**
   * {@code GET /health/readiness} component {@code checkers}: the missing tools in its details;
   * DOWN while one is missing only with {@code CODEGEN_PLUGIN_REQUIRE_CHECKERS=true}.
   */
  @Bean
  ReadinessCheck checkersReadiness(CheckerInventory inventory, CheckersProperties checkers) {
    boolean ready = inventory.ready(checkers.require());
    Map<String, String> details = inventory.details();
    return ReadinessCheck.of("checkers", () -> ready, () -> details);
  }

  /** {@code GET /health/readiness} is UP only while every stage's listener consumes. */
  @Bean
  ReadinessCheck stageListenersReadiness(StageContainers containers) {
    return ReadinessCheck.of("kafka-listeners", containers::consuming);
  }

  /**
   * Only publishing can fail a batch (plugin failures become reports, malformed records go to the
   * dead-letter twin), and a broker outage passes: retry the batch until it succeeds rather than
   * dropping good jobs.
   */
  private static DefaultErrorHandler retryForever() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    return new DefaultErrorHandler(backOff);
  }
}
