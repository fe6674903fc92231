package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.auth.AuthProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser against the whole stack: headless Chromium (the system's, driven
 * over the DevTools protocol) enters the key, finds a job that was just submitted in the history
 * and the chart, opens it while the model still holds it, and sees its timeline reach the terminal
 * status without a reload, with the gate finding shown at its line. Skips when no Chromium is
 * installed ({@code bin/setup-checkers} installs Debian's). Screenshots go to {@code
 * target/dashboard/}, or the directory named by {@code -Dcodegen.dashboard.screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardEndToEndTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MARKER = "case-dashboard";
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static final int WIDTH = 1280;

  @TempDir static Path dataDirectory;
  @TempDir static Path profile;

  private final HttpClient http = HttpClient.newHttpClient();
  private Path chromium;
  private ScriptedModel model;
  private Optional<StandaloneSettings.Database> localDatabase = Optional.empty();
  private CodegenStack stack;
  private String api;

  @BeforeAll
  void startTheStack() throws Exception {
    chromium = HeadlessChromium.find().orElse(null);
    Assumptions.assumeTrue(
        chromium != null,
        "no Chromium at /usr/bin/chromium (or CODEGEN_CHROMIUM): the dashboard test needs one;"
            + " bin/setup-checkers installs Debian's package chromium");
    model = new ScriptedModel();
    model.answer(
        MARKER,
        "```java\nimport java.util.Random;\n\npublic class Dice {\n"
            + "  private final Random random = new Random();\n\n"
            + "  public int roll() {\n    return random.nextInt(6) + 1;\n  }\n}\n```");
    model.hold(MARKER);
    localDatabase = TestDatabases.freshLocal();
    stack = CodegenStack.start(model.stackSettings(dataDirectory, localDatabase));
    api = "http://127.0.0.1:" + stack.httpPort();
  }

  @AfterAll
  void stopTheStack() {
    if (model != null) {
      model.close();
    }
    if (stack != null) {
      stack.close();
    }
    localDatabase.ifPresent(TestDatabases::drop);
  }

  @Test
  void showsAJustSubmittedJobAndFollowsItsTimelineToTheTerminalStatus() throws Exception {
    String id = submit("a dice class (" + MARKER + ")");
    await("the model call").atMost(Duration.ofSeconds(60)).until(() -> model.called(MARKER));

    try (HeadlessChromium browser = HeadlessChromium.start(chromium, profile, WIDTH, 900)) {
      browser.open(api + "/dashboard/");
      awaitPage().until(() -> browser.count("#login:not([hidden])") == 1);
      browser.evaluate(
          "document.querySelector('#key-input').value = "
              + JSON.writeValueAsString(AuthProperties.DEVELOPMENT_KEY)
              + "; document.querySelector('#key-form').requestSubmit()");

      awaitPage().until(() -> browser.text("#history").contains(id));
      assertThat(browser.evaluate("sessionStorage.getItem('codegen.apiKey')").asString())
          .isEqualTo(AuthProperties.DEVELOPMENT_KEY);
      awaitPage().until(() -> browser.count("#chart rect.bar") >= 1);
      assertThat(browser.text("#legend")).containsPattern("(queued|generating) 1");

      browser.evaluate("document.querySelector('a[href=\"#/jobs/" + id + "\"]').click()");
      awaitPage().until(() -> browser.text("#job-id").equals(id));
      awaitPage().until(() -> browser.text("#timeline").contains("job.accepted"));
      String open = browser.text("#job-status");
      assertThat(open).isIn("queued", "generating");
      assertThat(browser.text("#job-polling")).isEqualTo("updating every 2 s");

      model.release(MARKER);
      // No reload: the page polls until the job is terminal.
      await("the page showing the terminal status")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> browser.text("#job-status").equals("succeeded"));
      awaitPage().until(() -> browser.count("#timeline [data-action='job.succeeded']") == 1);
      assertThat(browser.text("#job-polling")).isEmpty();
      assertThat(browser.text("#code")).contains("public class Dice");
      assertThat(browser.text("[data-fact='tokens']")).contains("60");

      JsonNode job = get("/jobs/" + id);
      JsonNode finding = job.path("findings").get(0);
      assertThat(finding).as(job.toString()).isNotNull();
      int line = finding.path("line").asInt();
      assertThat(browser.count(".line.marked[data-line='" + line + "']")).isEqualTo(1);
      assertThat(browser.text("#code")).contains(finding.path("rule").asString());
      save("dashboard-job.png", browser.screenshot(WIDTH));

      browser.evaluate("location.hash = '#/'");
      awaitPage()
          .until(
              () -> browser.text("#history tr[data-job='" + id + "'] .status").equals("succeeded"));
      awaitPage().until(() -> browser.text("#legend").contains("succeeded 1"));
      save("dashboard.png", browser.screenshot(WIDTH));

      browser.open(api + "/docs/");
      awaitPage().until(() -> browser.text(".swagger-ui .info .title").contains("CodeGen"));
      assertThat(browser.text(".swagger-ui")).contains("/stats/jobs");
    }
  }

  private org.awaitility.core.ConditionFactory awaitPage() {
    return await().atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(200));
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

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                    .header("X-API-Key", AuthProperties.DEVELOPMENT_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static void save(String name, byte[] png) throws Exception {
    Path directory =
        Path.of(System.getProperty("codegen.dashboard.screenshots", "target/dashboard"));
    Files.createDirectories(directory);
    Files.write(directory.resolve(name), png);
  }
}
