package dev.codegen.gateway.health;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Readiness follows the broker: UP while it runs, DOWN (503) once it is stopped; liveness stays UP
 * and the outbox keeps what it could not publish.
 */
@SpringBootTest(
    properties = {
      "spring.config.name=gateway",
      "codegen.kafka.partitions=1",
      "codegen.outbox.retry-backoff=200ms",
      "spring.kafka.producer.properties.delivery.timeout.ms=3000",
      "spring.kafka.producer.properties.request.timeout.ms=1000",
      "spring.kafka.producer.properties.max.block.ms=1000"
    })
@AutoConfigureMockMvc
@Import(TestKeys.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerStoppedIntegrationTests {

  private static EmbeddedKafkaKraftBroker broker;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.afterPropertiesSet();
    String servers = broker.getBrokersAsString();
    registry.add("spring.kafka.bootstrap-servers", () -> servers);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.destroy();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  @Test
  void readinessGoesDownWhenTheBrokerStopsWhileLivenessStaysUp() throws Exception {
    mvc.perform(get("/health/readiness"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components.kafka.status").value("UP"))
        .andExpect(jsonPath("$.components.db.status").value("UP"));
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
        .andExpect(status().isAccepted());
    await().atMost(Duration.ofSeconds(20)).until(() -> count() == 0);

    broker.destroy();
    broker = null;

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                mvc.perform(get("/health/readiness"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.components.kafka.status").value("DOWN")));
    mvc.perform(get("/health/liveness")).andExpect(status().isOk());
    mvc.perform(post("/generate").contentType(MediaType.APPLICATION_JSON).content(Requests.valid()))
        .andExpect(status().isAccepted());
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count() == 1);
  }

  private long count() {
    return jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
  }
}
