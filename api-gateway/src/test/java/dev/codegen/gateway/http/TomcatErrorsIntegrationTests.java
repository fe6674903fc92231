package dev.codegen.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RawHttp;
import dev.codegen.gateway.support.RawHttp.Answer;
import dev.codegen.gateway.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers before Spring sees a request, over a real socket (MockMvc never reaches
 * Tomcat): problem details, never its HTML page.
 */
@GatewayIntegrationTest
class TomcatErrorsIntegrationTests {

  private static final String PROBLEMS = "https://codegen.dev/problems/";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void passesAnEncodedSlashToTheJobRouteWhichAnswers404() {
    assertProblem(get("/jobs/a%2Fb"), 404, "job-not-found");
    assertProblem(get("/jobs/a%2Fb/audit"), 404, "job-not-found");
    assertProblem(get("/jobs/%2F"), 404, "job-not-found");
  }

  @Test
  void refusesNulAndMalformedEscapesInThePathWith400() {
    assertProblem(get("/jobs/a%00b"), 400, "bad-request");
    assertProblem(get("/jobs/%zz"), 400, "bad-request");
    assertProblem(get("/jobs/%"), 400, "bad-request");
  }

  @Test
  void answersAHugeJobIdUnderTheLineLimitWith404AndOneOverItWith400() {
    assertProblem(get("/jobs/" + "a".repeat(4_000)), 404, "job-not-found");
    assertProblem(get("/jobs/" + "a".repeat(9_000)), 400, "bad-request");
    assertProblem(get("/history?batch_id=" + "b".repeat(9_000)), 400, "bad-request");
  }

  @Test
  void refusesOverLongHeadersWithAProblem() {
    Answer answer =
        RawHttp.send(port, "GET", "/history", "X-Big: " + "h".repeat(10_000), new byte[0]);
    assertProblem(answer, 400, "bad-request");
  }

  @Test
  void refusesNulInAQueryParameterAsAFieldError() {
    Answer answer = get("/history?batch_id=a%00b");
    JsonNode problem = assertProblem(answer, 400, "validation");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("batch_id");
  }

  @Test
  void refusesAQueryStringThatIsNotUtf8With400() {
    assertProblem(get("/history?batch_id=%B2%FF%15"), 400, "bad-request");
  }

  @Test
  void answersBootsErrorPathLikeAnyUnknownPath() {
    assertProblem(get("/error"), 404, "not-found");
    assertProblem(get("/nowhere/" + "x".repeat(100)), 404, "not-found");
  }

  @Test
  void answersAMalformedRequestLineWithAProblem() {
    Answer answer =
        RawHttp.exchange(
            port, "GET /jobs/a b c HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400, "bad-request");
  }

  private Answer get(String target) {
    return RawHttp.send(port, "GET", target, "", new byte[0]);
  }

  private JsonNode assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + type);
    assertThat(problem.get("title").asString()).isNotBlank();
    return problem;
  }
}
