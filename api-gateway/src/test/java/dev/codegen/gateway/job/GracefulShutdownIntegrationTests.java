package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.GatewayApplication;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A gateway that stops while it holds a request: it leaves readiness, finishes the request (the
 * accept writers outlive the web server), and never tells a client it is overloaded. The test
 * starts and closes a gateway of its own: a test framework's cached context must not be closed.
 */
@EmbeddedKafka(partitions = 2)
class GracefulShutdownIntegrationTests {

  private ConfigurableApplicationContext context;
  private int port;

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void finishesTheRequestsItHoldsAfterLeavingReadinessAndStoresThem(EmbeddedKafkaBroker broker)
      throws Exception {
    context =
        GatewayApplication.builder()
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.createDatabase(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--codegen.kafka.partitions=2");
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    // Holds the insert of one job for 2 s, so its request is in flight when the stop begins.
    jdbc.execute(
        """
        CREATE FUNCTION slow_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$;
        CREATE TRIGGER slow_job BEFORE INSERT ON jobs FOR EACH ROW
          WHEN (NEW.custom_id = 'slow') EXECUTE FUNCTION slow_job();
        """);
    CompletableFuture<HttpResponse<String>> slow =
        http()
            .sendAsync(
                generate(Requests.valid().replace("\"c-1\"", "\"slow\"")),
                HttpResponse.BodyHandlers.ofString());
    await().until(() -> sleepingInTheDatabase(jdbc));
    CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);

    // Until the server stops taking connections, every request it takes is stored: the accept
    // writers stop only after the web server. Then connections are refused.
    while (!slow.isDone()) {
      HttpResponse<String> late;
      try {
        late = send(http(), generate(Requests.valid()));
      } catch (IOException refused) {
        break;
      }
      assertThat(late.statusCode()).as(late.body()).isEqualTo(202);
    }

    HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(202);
    closing.get(30, TimeUnit.SECONDS);
  }

  private static boolean sleepingInTheDatabase(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'", Long.class)
        > 0;
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest generate(String body) {
    return HttpRequest.newBuilder(uri("/generate"))
        .header(TestKeys.HEADER, TestKeys.KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).header(TestKeys.HEADER, TestKeys.KEY).build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
