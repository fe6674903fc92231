package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack with a model stand-in that answers with insecure code and a secret: under the
 * default policy (block at medium) a secret in the answer ends the job {@code rejected} with the
 * findings, and the secret is nowhere the service keeps or shows things; a finding below the policy
 * passes and travels with the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafetyGatesEndToEndTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String token = "ghp_" + random(36);
  private ScriptedModel model;
  private Optional<StandaloneSettings.Database> localDatabase;
  private CodegenStack stack;
  private String api;

  @BeforeAll
  void startTheStack() throws Exception {
    model = new ScriptedModel();
    model.answer(
        "case-leaky",
        "Here it is:\n```python\nimport subprocess\nimport requests\n\nGITHUB_TOKEN = \""
            + token
            + "\"\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n"
            + "def repos():\n    headers = {\"Authorization\": \"token \" + GITHUB_TOKEN}\n"
            + "    return requests.get(\"https://api.github.com/user/repos\", headers=headers)\n```");
    model.answer(
        "case-mild",
        "```java\nimport java.util.Random;\n\npublic class Dice {\n"
            + "  private final Random random = new Random();\n\n"
            + "  public int roll() {\n    return random.nextInt(6) + 1;\n  }\n}\n```");
    localDatabase = TestDatabases.freshLocal();
    stack = CodegenStack.start(model.stackSettings(dataDirectory, localDatabase));
    api = "http://localhost:" + stack.httpPort();
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
    localDatabase.ifPresent(TestDatabases::drop);
  }

  @Test
  void refusesAnAnswerHoldingASecretAndKeepsTheSecretOutOfEverything() throws Exception {
    String id = submit("case-leaky: a script that lists my GitHub repositories", "python");

    JsonNode job = awaitTerminal(id);

    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("rejected");
    assertThat(job.path("failure").path("reason").asString()).isEqualTo("gate_rejected");
    assertThat(job.path("code").isNull()).isTrue();
    List<JsonNode> findings = new ArrayList<>();
    job.path("findings").forEach(findings::add);
    assertThat(findings)
        .extracting(f -> f.path("gate").asString())
        .contains("output.secrets", "output.insecure_code");
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.path("rule").asString()).isNotBlank();
              assertThat(f.path("severity").asString()).isIn("low", "medium", "high", "critical");
              assertThat(f.path("line").asInt()).isPositive();
              assertThat(f.path("message").asString()).isNotBlank();
            });
    assertThat(findings)
        .filteredOn(f -> f.path("gate").asString().equals("output.secrets"))
        .allSatisfy(f -> assertThat(f.path("cwe").asString()).startsWith("CWE-"));

    assertThat(job.toString()).doesNotContain(token);
    assertThat(getText("/jobs/" + id + "/audit"))
        .contains("gate.output.rejected")
        .doesNotContain(token);
    JdbcTemplate jdbc = new JdbcTemplate(stack.gateway().getBean(DataSource.class));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM jobs j WHERE j::text LIKE ?", Long.class, "%" + token + "%"))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_events a WHERE a::text LIKE ?",
                Long.class,
                "%" + token + "%"))
        .isZero();
    String result = awaitResult(id);
    assertThat(result).contains("gate_rejected").doesNotContain(token);
  }

  @Test
  void passesAFindingBelowThePolicyAndShowsItWithTheCode() throws Exception {
    String id = submit("case-mild: a dice roller", "java");

    JsonNode job = awaitTerminal(id);

    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.path("code").asString()).contains("class Dice");
    assertThat(job.path("findings").size()).as(job.toString()).isPositive();
    job.path("findings")
        .forEach(
            f -> {
              assertThat(f.path("severity").asString()).isEqualTo("low");
              assertThat(f.path("gate").asString()).isEqualTo("output.insecure_code");
              assertThat(f.path("line").asInt()).isPositive();
            });
    assertThat(getText("/jobs/" + id + "/audit")).contains("finding_rules");
  }

  private String submit(String prompt, String language) throws Exception {
    HttpResponse<String> accepted =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/generate"))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("prompt", prompt, "language", language))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return JSON.readTree(accepted.body()).path("id").asString();
  }

  private JsonNode awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> JSON.readTree(getText("/jobs/" + id)),
            job ->
                Set.of("succeeded", "failed", "rejected", "cancelled")
                    .contains(job.path("status").asString()));
  }

  private String awaitResult(String id) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.RESULTS));
      List<String> values = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (id.equals(record.key())) {
                    values.add(record.value());
                  }
                }
                return !values.isEmpty();
              });
      return values.get(0);
    }
  }

  private String getText(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api + path))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static String random(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }
}
