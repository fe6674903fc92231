package dev.codegen.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.job.AcceptJob;
import dev.codegen.gateway.job.ValidJobRequest;
import dev.codegen.gateway.support.GatewayIntegrationTest;
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
