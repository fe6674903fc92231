package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.launcher.StandaloneSettings.Database;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast subset of the fault suite ({@code chaos/}), in one JVM on the real stack: the faults
 * that can be staged without killing processes. Each test counts outcomes the way a user would:
 * records on the public results topic per job, terminal audit rows per job, jobs not terminal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOneOutcomeTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private Optional<Database> localDatabase;
  private CodegenStack stack;
  private JdbcTemplate jdbc;

  @BeforeAll
  void startTheStack() {
    localDatabase = TestDatabases.freshLocal();
    stack =
        CodegenStack.start(
            new StandaloneSettings(
                0, 0, 0, dataDirectory, Optional.empty(), localDatabase, Map.of()));
    jdbc = new JdbcTemplate(stack.gateway().getBean(DataSource.class));
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
    localDatabase.ifPresent(TestDatabases::drop);
  }

  @Test
  void aRequestRelayedTwiceAfterAGatewayCrashRunsOnceAndEndsOnce() throws Exception {
    String job = accept("a function that adds two numbers");
    awaitTerminal(job);
    // What a gateway killed between the broker's ack and its commit leaves: the same outbox row
    // (same event id, same payload) relayed again.
    Map<String, Object> request = jobsRecord(job);
    jdbc.update(
        "INSERT INTO outbox (event_id, event_type, topic, record_key, payload)"
            + " VALUES (?::uuid, 'GenerationRequested', ?, ?, ?)",
        request.get("event_id"),
        Topics.JOBS,
        job,
        request.get("payload"));
    double callsBefore = modelCalls();
    String after = accept("a function that reverses a string");
    awaitTerminal(after);

    await().atMost(TIMEOUT).until(() -> onTopic(Topics.JOBS, job).size() == 2);
    assertThat(onTopic(Topics.RESULTS, job)).hasSize(1);
    assertThat(terminalAuditRows(job)).isEqualTo(1);
    assertThat(auditRows(job, "generation.started")).isEqualTo(1);
    // Only the job accepted after the duplicate reached the model.
    assertThat(modelCalls() - callsBefore).isEqualTo(1.0);
  }

  /** Model calls the generation worker has made, from its Prometheus endpoint. */
  private double modelCalls() throws Exception {
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + stack.workerOpsPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return metrics
        .body()
        .lines()
        .filter(
            l ->
                l.startsWith("codegen_worker_stage_seconds_count{")
                    && l.contains("stage=\"model\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void bulkRecordsNeverReuseAJobId() throws Exception {
    String http = accept("a function that multiplies two numbers");
    awaitTerminal(http);
    String fresh = UUID.randomUUID().toString();
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(record("taken", http, "steal an existing job"));
      producer.send(record("first", fresh, "a function that adds two numbers"));
      producer.send(record("again", fresh, "a function that adds two numbers, again"));
      producer.flush();
    }

    awaitTerminal(fresh);
    await()
        .atMost(TIMEOUT)
        .until(() -> onTopic(Topics.deadLetter(Topics.REQUESTS), "taken").size() == 1);
    await()
        .atMost(TIMEOUT)
        .until(() -> onTopic(Topics.deadLetter(Topics.REQUESTS), "again").size() == 1);
    assertThat(header(onTopic(Topics.deadLetter(Topics.REQUESTS), "taken").get(0)))
        .isEqualTo("job_id_taken");
    assertThat(onTopic(Topics.RESULTS, http)).hasSize(1);
    assertThat(onTopic(Topics.RESULTS, fresh)).hasSize(1);
    assertThat(terminalAuditRows(http)).isEqualTo(1);
    assertThat(terminalAuditRows(fresh)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject("SELECT source FROM jobs WHERE id = ?::uuid", String.class, http))
        .isEqualTo("http");
  }

  @Test
  void cancellingAFinishedJobAnswers409AndChangesNothing() throws Exception {
    String job = accept("a function that returns the larger of two numbers");
    String status = awaitTerminal(job);

    HttpResponse<String> cancel = send("POST", "/jobs/" + job + "/cancel", null);

    assertThat(cancel.statusCode()).isEqualTo(409);
    assertThat(cancel.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(send("GET", "/jobs/" + job, null).body()).path("status").asString())
        .isEqualTo(status);
    assertThat(onTopic(Topics.RESULTS, job)).hasSize(1);
    assertThat(terminalAuditRows(job)).isEqualTo(1);
  }

  @Test
  void aBurstOfJobsEndsWithExactlyOneResultAndOneTerminalAuditRowEach() throws Exception {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(accept("a function number " + i + " that adds two numbers"));
    }
    for (int i = 0; i < jobs.size(); i += 7) {
      send("POST", "/jobs/" + jobs.get(i) + "/cancel", null);
    }
    jobs.forEach(this::awaitTerminal);

    Map<String, Integer> results = new HashMap<>();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              results.clear();
              for (ConsumerRecord<String, String> r : all(Topics.RESULTS)) {
                results.merge(r.key(), 1, Integer::sum);
              }
              assertThat(jobs).allSatisfy(job -> assertThat(results).containsKey(job));
            });
    for (String job : jobs) {
      assertThat(results.get(job)).as("results of %s", job).isEqualTo(1);
      assertThat(terminalAuditRows(job)).as("terminal audit rows of %s", job).isEqualTo(1);
      String stored =
          jdbc.queryForObject("SELECT status FROM jobs WHERE id = ?::uuid", String.class, job);
      String published =
          JSON.readTree(onTopic(Topics.RESULTS, job).get(0).value()).path("status").asString();
      assertThat(published).as("result of %s", job).isEqualTo(stored);
    }
  }

  private String accept(String prompt) throws Exception {
    HttpResponse<String> response =
        send("POST", "/generate", "{\"prompt\": \"" + prompt + "\", \"language\": \"python\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("id").asString();
  }

  private String awaitTerminal(String job) {
    return await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT status FROM jobs WHERE id = ?::uuid", String.class, job),
            status -> List.of("succeeded", "failed", "rejected", "cancelled").contains(status));
  }

  private Map<String, Object> jobsRecord(String job) {
    ConsumerRecord<String, String> record = onTopic(Topics.JOBS, job).get(0);
    Header eventId = record.headers().lastHeader(EventHeaders.EVENT_ID);
    return Map.of(
        "event_id", new String(eventId.value(), StandardCharsets.UTF_8), "payload", record.value());
  }

  private long terminalAuditRows(String job) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid AND action IN"
            + " ('job.succeeded', 'job.failed', 'job.rejected', 'job.cancelled')",
        Long.class,
        job);
  }

  private long auditRows(String job, String action) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_events WHERE job_id = ?::uuid AND action = ?",
        Long.class,
        job,
        action);
  }

  private static String header(ConsumerRecord<String, String> record) {
    return new String(
        record.headers().lastHeader(EventHeaders.DEAD_LETTER_REASON).value(),
        StandardCharsets.UTF_8);
  }

  /** A bulk record on partition 0, so the records of a test are read in the order sent. */
  private static ProducerRecord<String, String> record(String key, String jobId, String prompt) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            Topics.REQUESTS,
            0,
            key,
            "{\"job_id\":\"" + jobId + "\",\"prompt\":\"" + prompt + "\",\"language\":\"python\"}");
    record
        .headers()
        .add(
            "x-api-key",
            AuthProperties.DEVELOPMENT_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return record;
  }

  private List<ConsumerRecord<String, String>> onTopic(String topic, String key) {
    return all(topic).stream().filter(r -> key.equals(r.key())).toList();
  }

  /** Every record on {@code topic} now, read from the start. */
  private List<ConsumerRecord<String, String>> all(String topic) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "count-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long quietSince = System.nanoTime();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline
          && System.nanoTime() - quietSince < Duration.ofSeconds(1).toNanos()) {
        var polled = consumer.poll(Duration.ofMillis(200));
        if (!polled.isEmpty() || consumer.assignment().isEmpty()) {
          quietSince = System.nanoTime();
        }
        polled.forEach(records::add);
      }
    }
    return records;
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort() + path))
            .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
