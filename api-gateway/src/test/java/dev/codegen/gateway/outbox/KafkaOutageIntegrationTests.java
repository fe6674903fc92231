package dev.codegen.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The gateway with no reachable broker at all: it still accepts jobs, keeps every outbox row
 * (nothing is marked sent without an ack), reports readiness DOWN and liveness UP.
 */
@SpringBootTest(
    properties = {
      "spring.config.name=gateway",
      "codegen.outbox.poll-interval=50ms",
      "codegen.outbox.retry-backoff=200ms",
      "spring.kafka.producer.properties.max.block.ms=500",
      "spring.kafka.producer.properties.request.timeout.ms=1000",
      "spring.kafka.producer.properties.delivery.timeout.ms=2000"
    })
@AutoConfigureMockMvc
@Import(TestKeys.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageIntegrationTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    int deadPort = freePort();
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + deadPort);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired OutboxRelay relay;

  @Test
  void acceptsJobsAndKeepsThemInTheOutboxWhileKafkaIsAway() throws Exception {
    for (int i = 0; i < 3; i++) {
      mvc.perform(
              post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
          .andExpect(status().isAccepted());
    }

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> count("outbox") == 3);
    assertThat(count("jobs WHERE status = 'queued'")).isEqualTo(3);
    assertThat(relay.isRunning()).isTrue();
  }

  @Test
  void reportsReadinessDownButStaysLive() throws Exception {
    mvc.perform(get("/health/readiness"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.status").value("DOWN"));
    mvc.perform(get("/health")).andExpect(status().isServiceUnavailable());
    mvc.perform(get("/health/liveness"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
  }

  private long count(String from) {
    return jdbc.queryForObject("SELECT count(*) FROM " + from, Long.class);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
