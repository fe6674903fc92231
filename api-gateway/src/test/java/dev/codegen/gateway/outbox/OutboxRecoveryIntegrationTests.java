package dev.codegen.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TcpProxy;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import dev.codegen.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka unreachable when jobs are accepted, reachable later: every accepted job stays in the outbox
 * while no broker answers and is published, exactly the ones accepted, once one does.
 */
@SpringBootTest(
    properties = {
      "spring.config.name=gateway",
      "codegen.kafka.partitions=1",
      "codegen.outbox.retry-backoff=200ms",
      "spring.kafka.producer.properties.max.block.ms=500",
      "spring.kafka.producer.properties.reconnect.backoff.max.ms=200"
    })
@AutoConfigureMockMvc
@Import(TestKeys.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRecoveryIntegrationTests {

  private static final int BOOTSTRAP = TcpProxy.freePort();
  private static final TcpProxy network = new TcpProxy(BOOTSTRAP);
  private static EmbeddedKafkaKraftBroker broker;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.JOBS);
    broker.afterPropertiesSet();
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + BOOTSTRAP);
  }

  @AfterAll
  static void stop() {
    network.close();
    broker.destroy();
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  @Test
  void publishesEveryKeptJobOnceTheBrokerIsReachable() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String body =
          mvc.perform(
                  post("/generate")
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(Requests.valid()))
              .andExpect(status().isAccepted())
              .andReturn()
              .getResponse()
              .getContentAsString();
      ids.add(JsonMapper.builder().build().readTree(body).get("id").asString());
    }
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> outbox() == 3);

    network.start(Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", "")));

    await().atMost(Duration.ofSeconds(60)).until(() -> outbox() == 0);
    List<ConsumerRecord<String, String>> records =
        Requests.read(broker, Topics.JOBS, 3, Duration.ofSeconds(20));
    assertThat(records).extracting(ConsumerRecord::key).containsAll(ids);
  }

  private long outbox() {
    return jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
  }
}
