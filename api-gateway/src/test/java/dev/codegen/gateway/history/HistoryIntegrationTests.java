package dev.codegen.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.auth.KeyLimits;
import dev.codegen.gateway.auth.Role;
import dev.codegen.gateway.job.AcceptJob;
import dev.codegen.gateway.job.ValidJobRequest;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Http;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
class HistoryIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired AcceptJob acceptJob;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void pagesNewestFirstAndStayStableWhileNewJobsArrive() throws Exception {
    String batch = "b-" + UUID.randomUUID();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(submit(batch, Language.PYTHON));
    }

    JsonNode first = page("/history?batch_id=" + batch + "&limit=2");
    submit(batch, Language.PYTHON); // arrives between pages: newer than the cursor
    JsonNode second = page("/history?batch_id=" + batch + "&limit=2&cursor=" + cursor(first));
    submit(batch, Language.PYTHON);
    JsonNode third = page("/history?batch_id=" + batch + "&limit=2&cursor=" + cursor(second));

    List<String> seen = new ArrayList<>();
    for (JsonNode page : List.of(first, second, third)) {
      page.get("items").forEach(item -> seen.add(item.get("id").asString()));
    }
    Collections.reverse(created);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(third.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void filtersByStatusLanguageAndTime() throws Exception {
    String batch = "f-" + UUID.randomUUID();
    Instant before = Instant.now();
    String java = submit(batch, Language.JAVA);
    String go = submit(batch, Language.GO);
    jdbc.update("UPDATE jobs SET status = 'failed', status_rank = 3 WHERE id = ?::uuid", go);

    JsonNode javaOnly = page("/history?batch_id=" + batch + "&language=java");
    assertThat(javaOnly.get("items")).hasSize(1);
    assertThat(javaOnly.get("items").get(0).get("id").asString()).isEqualTo(java);
    JsonNode failed = page("/history?batch_id=" + batch + "&status=failed");
    assertThat(failed.get("items").get(0).get("id").asString()).isEqualTo(go);
    assertThat(page("/history?batch_id=" + batch + "&from=" + before).get("items")).hasSize(2);
    assertThat(page("/history?batch_id=" + batch + "&to=" + before).get("items")).isEmpty();
    assertThat(page("/history?limit=100").get("items").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void rejectsBadParametersWithProblemDetails() throws Exception {
    mvc.perform(
            get("/history")
                .param("status", "done")
                .param("language", "cobol")
                .param("limit", "0")
                .param("cursor", "garbage")
                .param("from", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://codegen.dev/problems/validation"))
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(hasItems("status", "language", "limit", "cursor", "from")));
    mvc.perform(
            get("/history")
                .param("from", "2026-11-26T12:00:00Z")
                .param("to", "2026-11-26T11:00:00Z"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"));
    mvc.perform(get("/history").param("limit", "lots")).andExpect(status().isBadRequest());
  }

  @Test
  void countsTheCallersTenantsJobsPerBucketAndStatus() throws Exception {
    long before = stats("queued");
    submit("s-" + UUID.randomUUID(), Language.JAVA);
    submit("s-" + UUID.randomUUID(), Language.GO);
    Caller other = new Caller(null, "other-tenant", Role.USER, "other", KeyLimits.NONE);
    acceptJob.accept(
        new ValidJobRequest("p", Language.JAVA, null, null, Map.of(), null, "other"), other);

    assertThat(stats("queued")).isEqualTo(before + 2);
    JsonNode body = statsPage("/stats/jobs?bucket=hour&buckets=3");
    assertThat(body.get("bucket").asString()).isEqualTo("hour");
    assertThat(body.get("series")).hasSize(3);
    assertThat(body.get("statuses").get(0).asString()).isEqualTo("queued");
    mvc.perform(get("/stats/jobs").param("bucket", "week").param("buckets", "x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(hasItems("bucket", "buckets")));
  }

  @Test
  void servesTheDashboardAndTheApiDocsWithoutAKeyButNotTheirData() {
    Http anonymous = new Http(port, null);

    Http.Answer dashboard = anonymous.get("/dashboard/");
    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.response().body()).contains("<title>CodeGen Service dashboard</title>");
    assertThat(dashboard.header("Content-Security-Policy")).startsWith("default-src 'self';");
    assertThat(anonymous.get("/dashboard/job.js").header("X-Content-Type-Options"))
        .isEqualTo("nosniff");
    assertThat(anonymous.get("/dashboard").header("Location")).endsWith("/dashboard/");
    assertThat(anonymous.get("/dashboard/api.js").response().body()).contains("sessionStorage");
    Http.Answer docs = anonymous.get("/docs/");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.response().body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js");
    assertThat(anonymous.get("/webjars/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);

    assertThat(anonymous.get("/stats/jobs").status()).isEqualTo(401);
    assertThat(anonymous.get("/history").status()).isEqualTo(401);
    assertThat(anonymous.get("/dashboardx").status()).isEqualTo(401);
    assertThat(anonymous.get("/webjars/other/x.js").status()).isEqualTo(401);
  }

  private long stats(String status) throws Exception {
    long total = 0;
    for (JsonNode slot : statsPage("/stats/jobs?bucket=minute&buckets=10").get("series")) {
      total += slot.get("counts").get(status).asLong();
    }
    return total;
  }

  private JsonNode statsPage(String uri) throws Exception {
    return json.readTree(
        mvc.perform(get(uri))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private String submit(String batch, Language language) {
    return acceptJob
        .accept(
            new ValidJobRequest("p", language, null, null, Map.of(), null, batch), TestKeys.CALLER)
        .id()
        .toString();
  }

  private JsonNode page(String uri) throws Exception {
    String body =
        mvc.perform(get(uri))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }

  private static String cursor(JsonNode page) {
    return page.get("next_cursor").asString();
  }
}
