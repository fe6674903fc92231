package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repair round through the whole stack (its own broker, a real PostgreSQL, the default plugin
 * chain, repair on by default) with a model stand-in speaking the Responses API: Java that does not
 * compile goes back to the model once with javac's diagnostics; the job shows both attempts, and no
 * job costs a third model call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairEndToEndTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String BROKEN =
      "```java\npublic class Adder {\n  public int add(int a, int b) {\n    return a + c;\n  }\n}\n```";
  private static final String FIXED =
      "```java\npublic class Adder {\n  public int add(int a, int b) {\n    return a + b;\n  }\n}\n```";
  private static final String STILL_BROKEN =
      "```java\npublic class Adder {\n  public int add(int a, int b) {\n    return a + d;\n  }\n}\n```";

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private ScriptedModel model;
  private Optional<StandaloneSettings.Database> localDatabase;
  private CodegenStack stack;
  private String api;

  @BeforeAll
  void startTheStack() throws Exception {
    model = new ScriptedModel();
    model.answer("case-fixable", BROKEN);
    model.answerRepair("case-fixable", FIXED);
    model.answer("case-hopeless", BROKEN);
    model.answerRepair("case-hopeless", STILL_BROKEN);
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
  void repairsJavaThatDoesNotCompileOnceAndSucceedsWithBothAttempts() throws Exception {
    String id = submit("case-fixable: a class that adds two numbers");

    JsonNode job = awaitTerminal(id);

    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.path("code").asString()).contains("return a + b;");
    assertThat(job.path("returned_attempt").asInt()).isEqualTo(2);
    JsonNode attempts = job.path("attempts");
    assertThat(attempts.size()).as(job.toString()).isEqualTo(2);
    JsonNode first = attempts.get(0);
    assertThat(first.path("attempt").asInt()).isEqualTo(1);
    assertThat(first.path("verdict").asString()).isEqualTo("failed");
    assertThat(first.path("code").asString()).contains("return a + c;");
    assertThat(first.path("failure").path("rule").asString()).isEqualTo("javac");
    assertThat(first.path("diagnostics").get(0).path("line").asInt()).isEqualTo(3);
    assertThat(first.path("diagnostics").get(0).path("message").asString()).contains("c");
    assertThat(attempts.get(1).path("verdict").asString()).isEqualTo("passed");
    // Both model calls (60 tokens each, as the stand-in reports them) count for the job.
    assertThat(job.path("usage").path("total_tokens").asLong()).isEqualTo(120);
    assertThat(attempts.get(1).path("usage").path("total_tokens").asLong()).isEqualTo(60);
    assertThat(model.calls("case-fixable")).isEqualTo(2);
    assertThat(getText("/jobs/" + id + "/audit"))
        .contains("repair.started", "repair.completed", "\"repair\": \"requested\"");
  }

  @Test
  void endsCodeStillBrokenAfterTheRepairFailedWithBothAttemptsAndNoThirdCall() throws Exception {
    String id = submit("case-hopeless: a class that adds two numbers");

    JsonNode job = awaitTerminal(id);

    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("failed");
    assertThat(job.path("failure").path("reason").asString()).isEqualTo("check_failed");
    assertThat(job.path("failure").path("rule").asString()).isEqualTo("javac");
    assertThat(job.path("code").asString()).contains("return a + d;");
    assertThat(job.path("returned_attempt").asInt()).isEqualTo(2);
    assertThat(job.path("attempts").size()).as(job.toString()).isEqualTo(2);
    assertThat(job.path("attempts").get(0).path("verdict").asString()).isEqualTo("failed");
    assertThat(job.path("attempts").get(1).path("verdict").asString()).isEqualTo("failed");
    assertThat(job.path("usage").path("total_tokens").asLong()).isEqualTo(120);
    assertThat(model.calls("case-hopeless")).isEqualTo(2);
  }

  private String submit(String prompt) throws Exception {
    HttpResponse<String> accepted =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/generate"))
                .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("prompt", prompt, "language", "java"))))
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
}
