package dev.codegen.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TcpProxy;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL behind a TCP forwarder that the test cuts: while the database is unreachable the
 * intake and the projector retry (more often than the two retries other errors get) and dead-letter
 * nothing; once it is back, every record is stored.
 */
@GatewayIntegrationTest
class DatabaseOutageIntegrationTests {

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
    // Fail fast while the database is away, so retries come often.
    registry.add("spring.datasource.hikari.connection-timeout", () -> "300");
  }

  @AfterAll
  static void stop() {
    network.close();
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MeterRegistry registry;

  @Test
  void retriesWhileTheDatabaseIsDownAndDeadLettersNothing() throws IOException {
    String result = UUID.randomUUID().toString();
    String request = UUID.randomUUID().toString();
    double resultsBefore = failedDeliveries("gateway-outcomes");
    double intakeBefore = failedDeliveries("gateway-intake");
    jdbc.update(
        "INSERT INTO jobs (id, status, status_rank, source, created_at, updated_at)"
            + " VALUES (?::uuid, 'queued', 0, 'http', now(), now())",
        result);

    network.close();
    kafka.send(new ProducerRecord<>(Topics.OUTCOMES, result, EventJson.write(finished(result))));
    ProducerRecord<String, String> bulk =
        new ProducerRecord<>(
            Topics.REQUESTS,
            "bulk",
            "{\"job_id\":\"" + request + "\",\"prompt\":\"p\",\"language\":\"go\"}");
    bulk.headers().add("x-api-key", TestKeys.KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    kafka.send(bulk);
    kafka.flush();

    // Both listeners fail at least four times: other errors are dead-lettered after three.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                failedDeliveries("gateway-outcomes") >= resultsBefore + 4
                    && failedDeliveries("gateway-intake") >= intakeBefore + 4);

    network.start(postgresPort);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions() // the pool reconnects
        .until(() -> "succeeded".equals(statusOf(result)) && "queued".equals(statusOf(request)));
    assertThat(Requests.read(broker, Topics.deadLetter(Topics.OUTCOMES), 1, Duration.ofSeconds(2)))
        .isEmpty();
    assertThat(Requests.read(broker, Topics.deadLetter(Topics.REQUESTS), 1, Duration.ofSeconds(2)))
        .isEmpty();
  }

  /** Failed listener invocations as the container's Micrometer timer counts them. */
  private double failedDeliveries(String listener) {
    return registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
        .filter(t -> String.valueOf(t.getId().getTag("name")).startsWith(listener))
        .mapToLong(Timer::count)
        .sum();
  }

  private String statusOf(String job) {
    return jdbc
        .query("SELECT status FROM jobs WHERE id = ?::uuid", (rs, n) -> rs.getString(1), job)
        .stream()
        .findFirst()
        .orElse(null);
  }

  private static JobFinished finished(String job) {
    return new JobFinished(
        job,
        "row-1",
        "outage",
        JobStatus.SUCCEEDED,
        Language.PYTHON,
        "print('hi')",
        "offline",
        "offline-template-1",
        true,
        TokenUsage.of(1, 1),
        List.of(),
        null,
        List.of(),
        Map.of(),
        Instant.now());
  }
}
