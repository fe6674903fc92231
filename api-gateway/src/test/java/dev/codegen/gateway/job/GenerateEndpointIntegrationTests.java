package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.Topics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
class GenerateEndpointIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @TestConfiguration
  static class Failing {
    @Bean
    BoomController boomController() {
      return new BoomController();
    }
  }

  @RestController
  static class BoomController {
    @GetMapping("/test/boom")
    String boom() {
      throw new IllegalStateException("secret internal detail");
    }
  }

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedKafkaBroker broker;

  private final JsonMapper json = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(strings = {"c", "php", "sql"})
  void acceptsTheLanguagesAddedAfterTheFirstSix(String language) throws Exception {
    MvcResult result =
        mvc.perform(
                post("/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"prompt\":\"count vowels\",\"language\":\"" + language + "\"}"))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.status").value("queued"))
            .andReturn();
    String id = json.readTree(result.getResponse().getContentAsString()).get("id").asString();

    mvc.perform(get("/jobs/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.language").value(language));
    mvc.perform(get("/history?language=" + language))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].id", hasItem(id)));
  }

  @Test
  void acceptsAJobAndPublishesItsRequestThroughTheOutbox() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
            .andExpect(status().isAccepted())
            .andExpect(header().string("Location", startsWith("/jobs/")))
            .andExpect(header().exists("X-Codegen-Added-Latency-Ms"))
            .andExpect(header().string("Server-Timing", startsWith("accept;dur=")))
            .andExpect(jsonPath("$.status").value("queued"))
            .andExpect(jsonPath("$.created_at", endsWith("Z")))
            .andExpect(jsonPath("$.links.self", startsWith("/jobs/")))
            .andReturn();
    String id = json.readTree(result.getResponse().getContentAsString()).get("id").asString();

    mvc.perform(get("/jobs/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("queued"))
        .andExpect(jsonPath("$.source").value("http"))
        .andExpect(jsonPath("$.language").value("python"))
        .andExpect(jsonPath("$.max_tokens").value(256))
        .andExpect(jsonPath("$.custom_id").value("c-1"))
        .andExpect(jsonPath("$.batch_id").value("b-1"))
        .andExpect(jsonPath("$.metadata.team").value("data"))
        .andExpect(jsonPath("$.code").doesNotExist())
        .andExpect(jsonPath("$.reports").isArray());
    mvc.perform(get("/jobs/" + id + "/audit"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.events[0].action").value("job.accepted"))
        .andExpect(jsonPath("$.events[0].detail.language").value("python"));

    // Other tests of the class relay jobs too: wait for this one's record.
    ConsumerRecord<String, String> record =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    Requests.read(broker, Topics.JOBS, 1000, Duration.ofSeconds(1)).stream()
                        .filter(r -> id.equals(r.key()))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    JsonNode body = json.readTree(record.value());
    assertThat(body.get("job_id").asString()).isEqualTo(id);
    assertThat(body.get("prompt").asString()).isEqualTo("a function that reverses a string");
    assertThat(body.get("requested_at").asString()).endsWith("Z");
    assertThat(headerOf(record, EventHeaders.EVENT_TYPE)).isEqualTo("GenerationRequested");
    assertThat(headerOf(record, EventHeaders.EVENT_VERSION)).isEqualTo("1");
    assertThat(headerOf(record, EventHeaders.EVENT_ID))
        .isEqualTo(EventIds.requested(id).toString());
    await().atMost(Duration.ofSeconds(10)).until(() -> count("outbox") == 0);
    // Nothing but the accept is recorded until a worker reports.
    assertThat(count("audit_events WHERE job_id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  void rejectsInvalidFieldsWithProblemDetailsAndStoresNothing() throws Exception {
    long jobs = count("jobs");
    String body =
        """
        {"prompt":"  ","language":"cobol","max_tokens":4096,"metadata":{"k":"v"}}
        """;
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/validation"))
        .andExpect(jsonPath("$.title").exists())
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.instance").value("/generate"))
        .andExpect(jsonPath("$.errors[*].field", hasItem("prompt")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("language")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("max_tokens")))
        .andExpect(jsonPath("$.errors[1].reason", containsString("python")));
    assertThat(count("jobs")).isEqualTo(jobs);
  }

  @Test
  void answersMalformedJsonWithA400Problem() throws Exception {
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content("{\"prompt\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/malformed-request"));
    mvc.perform(
            post("/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"prompt\":\"x\",\"language\":\"go\",\"max_tokens\":\"many\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("max_tokens"));
  }

  @Test
  void refusesWrongJsonTypesAndUnknownFieldsNamingEveryFieldAndStoresNothing() throws Exception {
    long jobs = count("jobs");
    String body =
        """
        {"prompt":"\\u200b\\u200b","language":"Java","max_tokens":12.5,
         "metadata":{"n":1},"custom_id":"a\\u0000","temperature":0.2}
        """;
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/validation"))
        .andExpect(jsonPath("$.errors.length()").value(6))
        .andExpect(jsonPath("$.errors[*].field", hasItem("prompt")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("language")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("max_tokens")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("metadata.n")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("custom_id")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("temperature")));
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content("[1]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    assertThat(count("jobs")).isEqualTo(jobs);
  }

  @Test
  void answersWrongContentTypeWith415() throws Exception {
    mvc.perform(post("/generate").contentType(MediaType.TEXT_PLAIN).content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/unsupported-media-type"));
  }

  @Test
  void answersOversizedBodiesWith413() throws Exception {
    String prompt = "x".repeat(300 * 1024);
    mvc.perform(
            post("/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"prompt\":\"" + prompt + "\",\"language\":\"java\"}"))
        .andExpect(status().is(413))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/payload-too-large"));
  }

  @Test
  void answersUnknownAndMalformedJobIdsWith404() throws Exception {
    mvc.perform(get("/jobs/5b0c2a52-8f7e-4a4c-9a39-d8d0e1b1f0aa"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/job-not-found"));
    mvc.perform(get("/jobs/not-a-uuid")).andExpect(status().isNotFound());
    mvc.perform(get("/jobs/not-a-uuid/audit")).andExpect(status().isNotFound());
    mvc.perform(get("/jobs/5b0c2a52-8f7e-4a4c-9a39-d8d0e1b1f0aa/audit"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/jobs/5b0c2a52-8f7e-4a4c-9a39-d8d0e1b1f0aa/cancel"))
        .andExpect(status().isNotFound());
    mvc.perform(get("/nowhere"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/not-found"));
  }

  @Test
  void answersWrongMethodsWith405AndAllowHeader() throws Exception {
    mvc.perform(get("/generate"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string("Allow", containsString("POST")))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/method-not-allowed"));
    mvc.perform(put("/history")).andExpect(status().isMethodNotAllowed());
  }

  @Test
  void answersClientsThatRefuseJsonWith406() throws Exception {
    mvc.perform(
            post("/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_PLAIN)
                .content(Requests.valid()))
        .andExpect(status().isNotAcceptable());
  }

  @Test
  void cancelsAQueuedJobOnceAndThenAnswers409() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
            .andExpect(status().isAccepted())
            .andReturn();
    String id = json.readTree(result.getResponse().getContentAsString()).get("id").asString();

    mvc.perform(post("/jobs/" + id + "/cancel"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("cancelled"))
        .andExpect(jsonPath("$.failure.reason").value("cancelled"))
        .andExpect(jsonPath("$.finished_at").exists());
    mvc.perform(post("/jobs/" + id + "/cancel"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/job-finished"));
    mvc.perform(get("/jobs/" + id + "/audit"))
        .andExpect(jsonPath("$.events[*].action", hasItem("job.cancelled")));
  }

  @Test
  void answersUnexpectedErrorsWith500WithoutInternals() throws Exception {
    mvc.perform(get("/test/boom"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/internal"))
        .andExpect(content().string(not(containsString("secret"))))
        .andExpect(content().string(not(containsString("IllegalState"))));
  }

  @Test
  void sendsJsonResponsesWithContentLengthNotChunked() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> accepted =
        client.send(
            postJson("{\"prompt\":\"a function that adds\",\"language\":\"java\"}"),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> invalid =
        client.send(postJson("{\"prompt\":\" \"}"), HttpResponse.BodyHandlers.ofString());
    String id = json.readTree(accepted.body()).get("id").asString();
    HttpResponse<String> polled =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id))
                .header(TestKeys.HEADER, TestKeys.KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(List.of(accepted.statusCode(), invalid.statusCode(), polled.statusCode()))
        .containsExactly(202, 400, 200);
    for (HttpResponse<String> response : List.of(accepted, invalid, polled)) {
      assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
      assertThat(response.headers().firstValueAsLong("Content-Length"))
          .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private HttpRequest postJson(String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
        .header(TestKeys.HEADER, TestKeys.KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void stopsReadingChunkedBodiesPastTheLimit() throws Exception {
    byte[] big =
        ("{\"prompt\":\"" + "y".repeat(400 * 1024) + "\",\"language\":\"go\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
            .header(TestKeys.HEADER, TestKeys.KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    long jobs = count("jobs");

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("payload-too-large");
    assertThat(count("jobs")).isEqualTo(jobs);
  }

  private long count(String from) {
    return jdbc.queryForObject("SELECT count(*) FROM " + from, Long.class);
  }

  private static String headerOf(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
