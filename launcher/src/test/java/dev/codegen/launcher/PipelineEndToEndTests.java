package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.launcher.StandaloneSettings.Database;
import dev.codegen.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real stack, as {@code bin/codegen standalone} runs it: the launcher's own broker, a real
 * PostgreSQL (the local server with a fresh database when it answers, else the embedded one), the
 * gateway on a random port, the offline model and the default plugin stages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTests {

  private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(PipelineEndToEndTests.class);

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private Optional<Database> localDatabase;
  private CodegenStack stack;
  private String api;

  @BeforeAll
  void startTheStack() {
    localDatabase = TestDatabases.freshLocal();
    StandaloneSettings settings =
        new StandaloneSettings(0, 0, 0, dataDirectory, Optional.empty(), localDatabase, Map.of());
    stack = CodegenStack.start(settings);
    log.info(
        "End-to-end stack on {} PostgreSQL {}, Kafka {}",
        stack.embeddedDatabase() ? "embedded" : "local",
        stack.database().url(),
        stack.bootstrapServers());
    api = "http://localhost:" + stack.httpPort();
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
    localDatabase.ifPresent(TestDatabases::drop);
  }

  @Test
  @Order(1)
  void refusesAnInvalidRequestWithProblemDetailsAndEnqueuesNothing() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(stack.gateway().getBean(DataSource.class));
    long jobsBefore = count(jdbc, "jobs");
    long outboxBefore = count(jdbc, "outbox");

    HttpResponse<String> response =
        post("/generate", "{\"prompt\": \"\", \"language\": \"cobol\", \"max_tokens\": 999999}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("type").asString()).isNotBlank();
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(fields(problem.path("errors"))).contains("prompt", "language");
    assertThat(response.body()).doesNotContain("Exception", "at dev.codegen");
    assertThat(count(jdbc, "jobs")).isEqualTo(jobsBefore);
    assertThat(count(jdbc, "outbox")).isEqualTo(outboxBefore);
  }

  @Test
  @Order(2)
  void generatesCompilableJavaThroughTheWholePipelineAndAuditsEveryStep() throws Exception {
    HttpResponse<String> accepted =
        post(
            "/generate",
            "{\"prompt\": \"a hello world program\", \"language\": \"java\","
                + " \"metadata\": {\"team\": \"e2e\"}}");

    assertThat(accepted.statusCode()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();
    String id = JSON.readTree(accepted.body()).path("id").asString();
    assertThat(location).endsWith("/jobs/" + id);

    JsonNode job = awaitTerminal(id);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.path("code").asString()).contains("class");
    assertThat(job.path("offline").asBoolean()).isTrue();
    assertThat(verdicts(job.path("reports"))).containsEntry("javac", "passed");

    JsonNode history = get("/history");
    assertThat(ids(history.path("items"))).contains(id);

    List<String> actions = new ArrayList<>();
    get("/jobs/" + id + "/audit")
        .path("events")
        .forEach(e -> actions.add(e.path("action").asString()));
    assertThat(actions)
        .contains(
            "job.accepted",
            "generation.started",
            "generation.completed",
            "plugin.javac.reported",
            "job.succeeded");
    assertThat(actions.get(0)).isEqualTo("job.accepted");
    assertThat(actions.get(actions.size() - 1)).isEqualTo("job.succeeded");

    // Every service exports the stages it timed for this job, each on its own port.
    assertThat(scrape("http://localhost:" + stack.httpPort() + "/metrics"))
        .contains("codegen_gateway_stage_seconds_count{stage=\"accept\"");
    assertThat(scrape("http://localhost:" + stack.workerOpsPort() + "/metrics"))
        .contains("codegen_worker_stage_seconds_count{stage=\"model\"");
    assertThat(scrape("http://localhost:" + stack.pluginsOpsPort() + "/metrics"))
        .contains("codegen_plugin_duration_seconds_count{plugin=\"javac\"");
  }

  private String scrape(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  @Test
  @Order(3)
  void turnsBulkKafkaRecordsIntoSucceededJobsAndResultsWhileGarbageGoesToTheDeadLetterTopic()
      throws Exception {
    String batch = "e2e-batch-" + UUID.randomUUID();
    String garbage = "this is not json " + UUID.randomUUID();
    Set<String> finishedCustomIds = ConcurrentHashMap.newKeySet();
    List<String> deadLetters = new ArrayList<>();

    try (KafkaProducer<String, String> producer = producer();
        KafkaConsumer<String, String> results = consumer(Topics.RESULTS);
        KafkaConsumer<String, String> dlt = consumer(Topics.deadLetter(Topics.REQUESTS))) {
      // The garbage goes first, on the same key as real records: it must not block them.
      producer.send(new ProducerRecord<>(Topics.REQUESTS, "bulk-0", garbage)).get();
      for (int i = 0; i < 20; i++) {
        String customId = "bulk-" + i;
        String json =
            JSON.writeValueAsString(
                Map.of(
                    "custom_id",
                    customId,
                    "batch_id",
                    batch,
                    "prompt",
                    "a hello world program number " + i,
                    "language",
                    "java"));
        ProducerRecord<String, String> record =
            new ProducerRecord<>(Topics.REQUESTS, customId, json);
        record
            .headers()
            .add(
                "x-api-key",
                AuthProperties.DEVELOPMENT_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record);
      }
      producer.flush();

      await()
          .atMost(PIPELINE_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                results
                    .poll(Duration.ofMillis(100))
                    .forEach(
                        r -> {
                          JsonNode finished = JSON.readTree(r.value());
                          if (batch.equals(finished.path("batch_id").asString())) {
                            finishedCustomIds.add(finished.path("custom_id").asString());
                          }
                        });
                dlt.poll(Duration.ofMillis(100)).forEach(r -> deadLetters.add(r.value()));
                assertThat(finishedCustomIds).hasSize(20);
                assertThat(deadLetters).contains(garbage);
              });
    }

    await()
        .atMost(PIPELINE_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              JsonNode page = get("/history?batch_id=" + batch + "&limit=100");
              List<String> statuses = new ArrayList<>();
              page.path("items").forEach(item -> statuses.add(item.path("status").asString()));
              assertThat(statuses).hasSize(20).containsOnly("succeeded");
            });
    JsonNode page = get("/history?batch_id=" + batch + "&limit=100");
    List<String> customIds = new ArrayList<>();
    page.path("items").forEach(item -> customIds.add(item.path("custom_id").asString()));
    assertThat(customIds)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "bulk-" + i).toList());
  }

  private JsonNode awaitTerminal(String id) {
    return await()
        .atMost(PIPELINE_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> get("/jobs/" + id),
            job ->
                Set.of("succeeded", "failed", "rejected", "cancelled")
                    .contains(job.path("status").asString()));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api + path))
            .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api + path))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private KafkaConsumer<String, String> consumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static long count(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  private static List<String> fields(JsonNode errors) {
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> fields.add(e.path("field").asString()));
    return fields;
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.path("id").asString()));
    return ids;
  }

  private static Map<String, String> verdicts(JsonNode reports) {
    Map<String, String> verdicts = new ConcurrentHashMap<>();
    reports.forEach(r -> verdicts.put(r.path("plugin").asString(), r.path("verdict").asString()));
    return verdicts;
  }
}
