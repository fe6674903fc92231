package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.model.CheckStatus;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Topics;
import dev.codegen.ops.OpsServer;
import dev.codegen.plugin.Fixtures;
import dev.codegen.plugin.PluginWorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker started the way the launcher starts it, from the builder with only the bootstrap
 * servers set, against a real in-process broker.
 */
@EmbeddedKafka
class PluginWorkerIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ConfigurableApplicationContext app;
  private static KafkaProducer<String, String> producer;
  private static KafkaConsumer<String, String> consumer;
  private static final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    String servers = broker.getBrokersAsString();
    app =
        PluginWorkerApplication.builder()
            // Arguments, not builder properties: those are defaults that plugin-worker.yml
            // (timeout 10s, ops port 9465) would override.
            .run(
                "--spring.kafka.bootstrap-servers=" + servers,
                // The first javac and formatter calls are slow on a busy 2-core machine.
                "--codegen.plugin.timeout=60s",
                // The analysers' stage is opt-in; this test runs the whole chain with it.
                "--codegen.plugins=extract,format,javac,syntax,security",
                "--codegen.ops.port=0");
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            new StringSerializer(),
            new StringSerializer());
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(
        List.of(Topics.OUTCOMES, Topics.JOB_EVENTS, Topics.deadLetter(Topics.GENERATED)));
  }

  @AfterAll
  static void stop() {
    consumer.close();
    producer.close();
    app.close();
  }

  @Test
  void runsAJavaJobThroughEveryStageInOrderAndSucceeds() throws Exception {
    CodeGenerated job = Fixtures.generated(Language.JAVA, Fixtures.HELLO_JAVA_MARKDOWN);
    send(job.jobId(), JSON.writeValueAsString(job));

    ConsumerRecord<String, String> record = awaitRecord(Topics.OUTCOMES, job.jobId());
    JobFinished finished = JSON.readValue(record.value(), JobFinished.class);

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.reports())
        .extracting(PluginReport::plugin)
        .containsExactly("extract", "format", "javac", "syntax", "security");
    assertThat(finished.reports())
        .extracting(PluginReport::verdict)
        .containsExactly(
            PluginVerdict.PASSED,
            PluginVerdict.PASSED,
            PluginVerdict.PASSED,
            PluginVerdict.SKIPPED,
            PluginVerdict.SKIPPED);
    // javac examined it; syntax leaves Java to javac: nothing is missing.
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.COMPLETE);
    assertThat(record.value()).contains("\"checks\":{\"status\":\"complete\",\"missing\":[]}");
    assertThat(finished.code()).startsWith("public class Hello {\n  public static void main");
    assertThat(finished.customId()).isEqualTo("custom-1");
    assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("JobFinished");
    assertThat(header(record, EventHeaders.EVENT_VERSION)).isEqualTo("1");
    assertThat(header(record, EventHeaders.EVENT_ID))
        .isEqualTo(EventIds.outcome(job.jobId(), "plugin-worker").toString());
    assertThat(record.value()).contains("\"finished_at\":\"20");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(progressOf(job.jobId()))
                    .extracting(JobProgressed::action)
                    .containsExactlyInAnyOrder(
                        "plugin.extract.reported",
                        "plugin.format.reported",
                        "plugin.javac.reported",
                        "plugin.syntax.reported",
                        "plugin.security.reported"));
    assertThat(progressOf(job.jobId()))
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(JobStatus.POST_PROCESSING));
    assertThat(
            app.getBean(MeterRegistry.class)
                .get("codegen.plugin.duration")
                .tag("plugin", "javac")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  void givesEveryStageItsPollSizeAndAPollIntervalThatOutlastsAWholeBatchAtTheTimeout() {
    Duration timeout = app.getBean(PluginWorkerProperties.class).timeout();
    assertThat(app.getBean(StageContainers.class).containers())
        .hasSize(5)
        .allSatisfy(
            stage -> {
              var consumer = stage.getContainerProperties().getKafkaConsumerProperties();
              assertThat(consumer.getProperty("max.poll.records")).isEqualTo("200");
              assertThat(consumer.getProperty("group.protocol")).isEqualTo("consumer");
              assertThat(stage.getContainerProperties().getClientId())
                  .startsWith(stage.getGroupId() + "-");
              // 200 runs at the timeout, plus a minute.
              assertThat(consumer.getProperty("max.poll.interval.ms"))
                  .isEqualTo(String.valueOf(timeout.multipliedBy(200).plusMinutes(1).toMillis()));
            });
  }

  @Test
  void servesThePluginTimersAsPrometheusHistogramsAndReportsReadyOnTheOpsPort() throws Exception {
    CodeGenerated job = Fixtures.generated(Language.JAVA, Fixtures.HELLO_JAVA_MARKDOWN);
    send(job.jobId(), JSON.writeValueAsString(job));
    awaitRecord(Topics.OUTCOMES, job.jobId());
    int port = app.getEnvironment().getRequiredProperty(OpsServer.PORT_PROPERTY, Integer.class);

    HttpResponse<String> metrics = ops(port, "/metrics");
    HttpResponse<String> readiness = ops(port, "/health/readiness");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern(
            "codegen_plugin_duration_seconds_count\\{plugin=\"javac\",verdict=\"passed\"} [1-9]")
        .contains(
            "codegen_plugin_duration_seconds_bucket{plugin=\"extract\",verdict=\"passed\",le=")
        .containsPattern(
            "codegen_plugin_verdicts_total\\{language=\"java\",plugin=\"javac\","
                + "verdict=\"passed\"} [1-9]")
        .contains("jvm_memory_used_bytes{")
        .contains("kafka_consumer_");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"kafka-listeners\":{\"status\":\"UP\"}");
    // Missing checkers are listed, not fatal, unless CODEGEN_PLUGIN_REQUIRE_CHECKERS=true.
    assertThat(readiness.body())
        .contains("\"checkers\":{\"status\":\"UP\",\"details\":{\"found\":\"");
  }

  @Test
  void endsANonCompilingJavaJobAsFailedWithTheCompilerDiagnostics() throws Exception {
    CodeGenerated job = Fixtures.generated(Language.JAVA, Fixtures.BROKEN_JAVA);
    send(job.jobId(), JSON.writeValueAsString(job));

    JobFinished finished =
        JSON.readValue(awaitRecord(Topics.OUTCOMES, job.jobId()).value(), JobFinished.class);

    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.failure().rule()).isEqualTo("javac");
    assertThat(finished.failure().message()).startsWith("javac: line 3:12");
    assertThat(finished.code()).isNotBlank();
    assertThat(finished.reports())
        .extracting(PluginReport::plugin)
        .containsExactly("extract", "format", "javac");
    assertThat(finished.reports().get(2).diagnostics()).isNotEmpty();
  }

  @Test
  void deadLettersAMalformedRecordAndStillCompletesTheNextOne() throws Exception {
    CodeGenerated job = Fixtures.generated(Language.PYTHON, "```python\nprint('hi')\n```");
    // Same key, same partition: the good record sits right behind the bad one.
    send(job.jobId(), "{not json");
    send(job.jobId(), JSON.writeValueAsString(job));

    ConsumerRecord<String, String> dead =
        awaitRecord(Topics.deadLetter(Topics.GENERATED), job.jobId());
    assertThat(dead.value()).isEqualTo("{not json");
    assertThat(header(dead, EventHeaders.DEAD_LETTER_REASON)).isEqualTo("unreadable");
    assertThat(header(dead, EventHeaders.DEAD_LETTER_DETAIL)).startsWith("not JSON");
    assertThat(header(dead, EventHeaders.DEAD_LETTER_ORIGIN)).startsWith(Topics.GENERATED + "/");
    assertThat(header(dead, EventHeaders.EVENT_TYPE)).isEqualTo("DeadLetter");

    JobFinished finished =
        JSON.readValue(awaitRecord(Topics.OUTCOMES, job.jobId()).value(), JobFinished.class);
    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    // Formatted by black when installed; otherwise passed on as it was.
    assertThat(finished.code())
        .isEqualTo(
            finished.reports().get(1).verdict() == PluginVerdict.PASSED
                ? "print(\"hi\")\n"
                : "print('hi')\n");
    assertThat(finished.reports().get(3).verdict())
        .isIn(PluginVerdict.PASSED, PluginVerdict.SKIPPED);
    // Checked by the python3 checker when installed; otherwise said to be unchecked.
    assertThat(finished.checks().status())
        .isEqualTo(
            finished.reports().get(3).verdict() == PluginVerdict.PASSED
                ? CheckStatus.COMPLETE
                : CheckStatus.INCOMPLETE);
  }

  @Test
  void runsAJobGeneratedTwiceUpstreamOnceAndEndsItWithOneOutcome() throws Exception {
    CodeGenerated job = Fixtures.generated(Language.PYTHON, "```python\nprint(1)\n```");
    CodeGenerated again = Fixtures.generatedAgain(job, "```python\nprint(2)\n```");
    double skippedBefore = duplicatesSkipped("extract");
    send(job.jobId(), JSON.writeValueAsString(job));
    send(job.jobId(), JSON.writeValueAsString(again));

    JobFinished finished =
        JSON.readValue(awaitRecord(Topics.OUTCOMES, job.jobId()).value(), JobFinished.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> duplicatesSkipped("extract") == skippedBefore + 1);

    // The first copy won; the second was committed without running a plugin.
    assertThat(finished.code()).isEqualTo("print(1)\n");
    poll();
    assertThat(seen)
        .filteredOn(r -> r.topic().equals(Topics.OUTCOMES) && job.jobId().equals(r.key()))
        .hasSize(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(progressOf(job.jobId())).hasSize(5));
  }

  @Test
  void joinsEveryStageGroupWithTheConsumerProtocolUnderAUniqueClientIdPerConsumer() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers")))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of("codegen-plugin-extract"))
                        .all()
                        .get()
                        .get("codegen-plugin-extract");
                assertThat(group.type()).isEqualTo(GroupType.CONSUMER);
                assertThat(group.members())
                    .hasSize(2)
                    .extracting(MemberDescription::clientId)
                    .allMatch(id -> id.startsWith("codegen-plugin-extract-"))
                    .doesNotHaveDuplicates();
              });
    }
  }

  @Test
  void movesOnlyThePartitionsANewMemberTakesWhenOneJoinsAStage() {
    var stage =
        app.getBean(StageContainers.class).containers().stream()
            .filter(c -> c.getGroupId().equals("codegen-plugin-syntax"))
            .findFirst()
            .orElseThrow();
    // Settled: every consumer has its share (a member that just joined may still have none).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                assigned(stage).size() == 6
                    && stage.getContainers().stream()
                        .noneMatch(c -> c.getAssignedPartitions().isEmpty()));
    List<Set<TopicPartition>> before =
        stage.getContainers().stream().map(c -> Set.copyOf(c.getAssignedPartitions())).toList();

    try (KafkaConsumer<String, String> newcomer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "codegen-plugin-syntax",
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                "consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      newcomer.subscribe(List.of(Topics.stage("syntax")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                newcomer.poll(Duration.ofMillis(100));
                Set<TopicPartition> taken = newcomer.assignment();
                Set<TopicPartition> kept = assigned(stage);
                return !taken.isEmpty()
                    && kept.size() + taken.size() == 6
                    && kept.stream().noneMatch(taken::contains);
              });

      // Each of the worker's consumers only gave partitions away: none moved between them.
      List<KafkaMessageListenerContainer<String, String>> consumers = stage.getContainers();
      for (int i = 0; i < consumers.size(); i++) {
        assertThat(consumers.get(i).getAssignedPartitions()).isSubsetOf(before.get(i));
      }
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> assigned(stage).size() == 6);
  }

  private static Set<TopicPartition> assigned(
      ConcurrentMessageListenerContainer<String, String> stage) {
    var partitions = stage.getAssignedPartitions();
    return partitions == null ? Set.of() : Set.copyOf(partitions);
  }

  private static double duplicatesSkipped(String stage) {
    return app.getBean(MeterRegistry.class)
        .get("codegen.plugin.duplicates")
        .tag("plugin", stage)
        .counter()
        .count();
  }

  private static HttpResponse<String> ops(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void send(String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(Topics.GENERATED, key, value)).get();
  }

  private static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
    Predicate<ConsumerRecord<String, String>> wanted =
        r -> r.topic().equals(topic) && key.equals(r.key());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              return seen.stream().anyMatch(wanted);
            });
    return seen.stream().filter(wanted).findFirst().orElseThrow();
  }

  private static synchronized void poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
  }

  private static List<JobProgressed> progressOf(String jobId) {
    poll();
    return seen.stream()
        .filter(r -> r.topic().equals(Topics.JOB_EVENTS) && jobId.equals(r.key()))
        .map(r -> JSON.readValue(r.value(), JobProgressed.class))
        .toList();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
