package dev.codegen.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/** Fails when docs/openapi.yaml and what the running gateway serves drift apart. */
@GatewayIntegrationTest
class OpenApiContractTests {

  private static final Path DOCS = Path.of("..", "docs", "openapi.yaml");
  private static final Set<String> ACTUATOR =
      Set.of("GET /health", "GET /health/liveness", "GET /health/readiness", "GET /metrics");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void servesExactlyTheDocumentedFile() throws Exception {
    byte[] docs = Files.readAllBytes(DOCS);
    mvc.perform(get("/openapi.yaml"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/yaml"))
        .andExpect(content().bytes(docs));
  }

  @Test
  void documentsEveryEndpointTheGatewayMapsAndNothingElse() throws Exception {
    Set<String> documented = new TreeSet<>(operations().keySet());
    Set<String> mapped = new TreeSet<>(ACTUATOR);
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      if (!entry.getValue().getBeanType().getPackageName().startsWith("dev.codegen.gateway")) {
        continue; // Boot's /error fallback
      }
      RequestMappingInfo info = entry.getKey();
      for (String path : info.getPatternValues()) {
        info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + path));
      }
    }

    assertThat(mapped).containsExactlyElementsOf(documented);
    for (String actuator : ACTUATOR) {
      int code = mvc.perform(get(actuator.substring(4))).andReturn().getResponse().getStatus();
      assertThat(documentedStatuses(actuator)).contains(String.valueOf(code));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsEveryLanguageInItsOrder() throws Exception {
    Map<String, Object> root = new Yaml().load(Files.readString(DOCS));
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas");
    Map<String, Object> language = (Map<String, Object>) schemas.get("Language");

    assertThat((List<String>) language.get("enum")).isEqualTo(Language.wireNames());
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsEveryFailureReasonAndTheChecksOfAJob() throws Exception {
    Map<String, Object> root = new Yaml().load(Files.readString(DOCS));
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas");
    Map<String, Object> failure =
        (Map<String, Object>) ((Map<String, Object>) schemas.get("Failure")).get("properties");
    Map<String, Object> job =
        (Map<String, Object>) ((Map<String, Object>) schemas.get("Job")).get("properties");

    assertThat((List<String>) ((Map<String, Object>) failure.get("reason")).get("enum"))
        .containsExactlyElementsOf(
            java.util.Arrays.stream(FailureReason.values()).map(FailureReason::wireName).toList());
    assertThat(job).containsKey("checks");
    assertThat(schemas).containsKey("Checks");
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsEveryProblemType() throws Exception {
    Map<String, Object> root = new Yaml().load(Files.readString(DOCS));
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas");
    Map<String, Object> problem =
        (Map<String, Object>) ((Map<String, Object>) schemas.get("Problem")).get("properties");

    assertThat((List<String>) ((Map<String, Object>) problem.get("type")).get("enum"))
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toList());
  }

  @Test
  void answersOnlyWithDocumentedStatusCodes() throws Exception {
    String id = submit();
    check(
        "POST /generate",
        post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()));
    check(
        "POST /generate", post("/generate").contentType(MediaType.APPLICATION_JSON).content("{}"));
    check("POST /generate", post("/generate").contentType(MediaType.APPLICATION_JSON).content("{"));
    check("POST /generate", post("/generate").contentType(MediaType.TEXT_PLAIN).content("x"));
    check(
        "POST /generate",
        post("/generate")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.TEXT_PLAIN)
            .content(Requests.valid()));
    check(
        "POST /generate",
        post("/generate")
            .contentType(MediaType.APPLICATION_JSON)
            .content("\"" + "x".repeat(300_000) + "\""));
    check("GET /jobs/{id}", get("/jobs/" + id));
    check("GET /jobs/{id}", get("/jobs/nope"));
    check("GET /jobs/{id}", request(HttpMethod.DELETE, "/jobs/" + id));
    check("GET /jobs/{id}/audit", get("/jobs/" + id + "/audit"));
    check("GET /jobs/{id}/audit", get("/jobs/nope/audit"));
    check("POST /jobs/{id}/cancel", post("/jobs/" + id + "/cancel"));
    check("POST /jobs/{id}/cancel", post("/jobs/" + id + "/cancel"));
    check("POST /jobs/{id}/cancel", post("/jobs/nope/cancel"));
    check("GET /history", get("/history"));
    check("GET /history", get("/history?limit=0"));
    check("GET /history", post("/history"));
    check("GET /stats/jobs", get("/stats/jobs"));
    check("GET /stats/jobs", get("/stats/jobs?bucket=week"));
    check("GET /stats/jobs", post("/stats/jobs"));
    check("GET /openapi.yaml", get("/openapi.yaml"));
  }

  private void check(String operation, MockHttpServletRequestBuilder request) throws Exception {
    MvcResult result = mvc.perform(request).andReturn();
    String code = String.valueOf(result.getResponse().getStatus());
    assertThat(documentedStatuses(operation)).as(operation + " answered " + code).contains(code);
    if (result.getResponse().getStatus() >= 400) {
      assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }
  }

  private String submit() throws Exception {
    String body =
        mvc.perform(
                post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonMapper.builder().build().readTree(body).get("id").asString();
  }

  private Set<String> documentedStatuses(String operation) throws Exception {
    return operations().get(operation);
  }

  /** "METHOD /path" to its documented response codes. */
  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> operations() throws Exception {
    Map<String, Object> root = new Yaml().load(Files.readString(DOCS));
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) root.get("paths");
    Map<String, Set<String>> operations = new java.util.TreeMap<>();
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, operation) -> {
                  Map<String, Object> responses =
                      (Map<String, Object>) ((Map<String, Object>) operation).get("responses");
                  operations.put(
                      method.toUpperCase(Locale.ROOT) + " " + path,
                      new TreeSet<>(responses.keySet().stream().map(String::valueOf).toList()));
                }));
    return operations;
  }
}
