package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.launcher.StandaloneSettings.Database;
import dev.codegen.model.Topics;
import dev.codegen.wire.TraceHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace per job across every hop: the three services in one JVM with a real broker and
 * PostgreSQL, their spans collected in memory ({@link InMemorySpans}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobTraceEndToEndTests {

  private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private Optional<Database> localDatabase;
  private CodegenStack stack;
  private String api;

  @BeforeAll
  void startTheStack() {
    localDatabase = TestDatabases.freshLocal();
    stack =
        CodegenStack.start(
            new StandaloneSettings(
                0,
                0,
                0,
                dataDirectory,
                Optional.empty(),
                localDatabase,
                Map.of(InMemorySpans.PROPERTY, "true")));
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
  void aJobSubmittedWithATraceparentIsOneConnectedTraceFromGatewayThroughWorkerAndPlugins()
      throws Exception {
    String traceId = randomTraceId();
    String callerSpan = randomSpanId();
    String traceparent = "00-" + traceId + "-" + callerSpan + "-01";

    HttpResponse<String> accepted =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/generate"))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .header("Content-Type", "application/json")
                .header(TraceHeaders.TRACEPARENT, traceparent)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\": \"a hello world program\", \"language\": \"java\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).isEqualTo(202);
    String jobId = JSON.readTree(accepted.body()).path("id").asString();

    JsonNode job = awaitTerminal(jobId);
    assertThat(job.path("status").asString()).isEqualTo("succeeded");
    assertThat(job.path("trace_id").asString()).isEqualTo(traceId);

    // The projector's span of the outcome and the relay's of the result end after the job is
    // terminal: wait for them too.
    await()
        .atMost(PIPELINE_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(names(InMemorySpans.ofTrace(traceId)))
                    .contains(
                        "publish " + Topics.JOBS,
                        "generate",
                        "token rails",
                        "input gates",
                        "output gates",
                        "plugin extract",
                        "plugin format",
                        "plugin javac",
                        "plugin syntax",
                        "project progress",
                        "project outcome",
                        "publish " + Topics.RESULTS)
                    .anyMatch(name -> name.equals("model call"))
                    .anyMatch(name -> name.contains("/generate")));

    // Connected: every span's parent is a span of the trace, except the HTTP request's, whose
    // parent is the caller's span. Awaited: a job span may end just after its last record moved on.
    await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> assertConnected(traceId, callerSpan));
    // The gateway, the generation worker and the plugin worker each contributed.
    Map<String, String> serviceBySpan = new HashMap<>();
    InMemorySpans.ofTrace(traceId)
        .forEach(
            span ->
                serviceBySpan.put(span.getName(), span.getResource().getAttribute(SERVICE_NAME)));
    assertThat(serviceBySpan)
        .containsEntry("generate", "generation-worker")
        .containsEntry("plugin javac", "plugin-worker")
        .containsEntry("project outcome", "api-gateway");

    try (KafkaConsumer<String, String> results = consumer(Topics.RESULTS)) {
      String resultTrace =
          await()
              .atMost(PIPELINE_TIMEOUT)
              .until(() -> findTrace(results, jobId), Optional::isPresent)
              .orElseThrow();
      assertThat(TraceHeaders.traceId(resultTrace)).isEqualTo(traceId);
    }
  }

  @Test
  void aBulkRecordWithATraceparentJoinsItsProducersTrace() throws Exception {
    String traceId = randomTraceId();
    String producerSpan = randomSpanId();
    String jobId = UUID.randomUUID().toString();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            Topics.REQUESTS,
            jobId,
            JSON.writeValueAsString(
                Map.of("job_id", jobId, "prompt", "a hello world program", "language", "java")));
    record
        .headers()
        .add("x-api-key", AuthProperties.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8));
    record
        .headers()
        .add(
            TraceHeaders.TRACEPARENT,
            ("00-" + traceId + "-" + producerSpan + "-01").getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(record).get();
    }

    JsonNode job = awaitTerminal(jobId);
    assertThat(job.path("trace_id").asString()).isEqualTo(traceId);
    await()
        .atMost(PIPELINE_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(names(InMemorySpans.ofTrace(traceId)))
                    .contains(
                        "bulk intake", "publish " + Topics.JOBS, "generate", "plugin syntax"));
    assertThat(InMemorySpans.ofTrace(traceId))
        .filteredOn(span -> span.getName().equals("bulk intake"))
        .singleElement()
        .satisfies(span -> assertThat(span.getParentSpanId()).isEqualTo(producerSpan));
  }

  private static void assertConnected(String traceId, String callerSpan) {
    List<SpanData> spans = InMemorySpans.ofTrace(traceId);
    Set<String> parents = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    parents.add(callerSpan);
    assertThat(spans)
        .allSatisfy(span -> assertThat(span.getParentSpanId()).isIn(parents))
        .filteredOn(span -> span.getParentSpanId().equals(callerSpan))
        .singleElement()
        .satisfies(span -> assertThat(span.getName()).contains("/generate"));
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

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api + path))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.readTree("{}");
  }

  private static Optional<String> findTrace(KafkaConsumer<String, String> consumer, String key) {
    for (var record : consumer.poll(Duration.ofMillis(200))) {
      if (key.equals(record.key())) {
        return TraceHeaders.traceparent(record.headers());
      }
    }
    return Optional.empty();
  }

  private KafkaConsumer<String, String> consumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "trace-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }

  private static String randomTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static String randomSpanId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }
}
