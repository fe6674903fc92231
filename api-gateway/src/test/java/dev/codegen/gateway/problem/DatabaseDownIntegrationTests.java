package dev.codegen.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TcpProxy;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL behind a TCP forwarder that the test cuts: while it is gone every endpoint answers 503
 * problem details with {@code Retry-After}, within the pool's connection timeout (gateway.yml's
 * own, 2 s), never 500.
 */
@GatewayIntegrationTest
class DatabaseDownIntegrationTests {

  private static final int PORT = TcpProxy.freePort();
  private static final TcpProxy network = new TcpProxy(PORT);
  private static int postgresPort;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    String url = TestDatabase.createDatabase();
    Matcher at = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
    assertThat(at.find()).isTrue();
    postgresPort = Integer.parseInt(at.group(2));
    network.start(postgresPort);
    String proxied = at.replaceFirst("//127.0.0.1:" + PORT + "/");
    registry.add("spring.datasource.url", () -> proxied);
  }

  @AfterAll
  static void stop() {
    network.close();
  }

  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void answersEveryEndpoint503WithRetryAfterWhileTheDatabaseIsGone() throws Exception {
    HttpResponse<String> accepted = send(generate());
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = json.readTree(accepted.body()).get("id").asString();

    network.close();
    for (HttpRequest request :
        new HttpRequest[] {
          get("/jobs/" + id),
          get("/jobs/" + id + "/audit"),
          get("/history"),
          get("/history?batch_id=b-1&status=queued"),
          HttpRequest.newBuilder(uri("/jobs/" + id + "/cancel"))
              .header(TestKeys.HEADER, TestKeys.KEY)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          generate()
        }) {
      long start = System.nanoTime();
      HttpResponse<String> response = send(request);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      String what = request.method() + " " + request.uri().getPath();
      assertThat(response.statusCode()).as(what).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).as(what).isPresent();
      assertThat(response.headers().firstValue("Content-Type"))
          .as(what)
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode problem = json.readTree(response.body());
      assertThat(problem.get("status").asInt()).isEqualTo(503);
      assertThat(problem.get("type").asString())
          .isEqualTo("https://codegen.dev/problems/unavailable");
      assertThat(took).as(what).isLessThan(Duration.ofSeconds(4));
    }

    network.start(postgresPort);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> send(get("/jobs/" + id)).statusCode() == 200);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest generate() {
    return HttpRequest.newBuilder(uri("/generate"))
        .header(TestKeys.HEADER, TestKeys.KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Requests.valid()))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).header(TestKeys.HEADER, TestKeys.KEY).GET().build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
