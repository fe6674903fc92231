package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.plugin.PluginWorkerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What the start-up log says when Kafka does not answer the topic check in time. */
@ExtendWith(OutputCaptureExtension.class)
class TopicsAtStartupLoggingTests {

  @Test
  void aBrokerThatDoesNotAnswerAtStartUpIsOneWarningNotAnError(CapturedOutput output)
      throws IOException {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    try (ConfigurableApplicationContext app =
        PluginWorkerApplication.builder()
            .run(
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + nobody,
                "--codegen.ops.port=-1",
                "--codegen.plugins=extract",
                // Production level for KafkaAdmin, whose ERROR this replaces.
                "--logging.level.org.springframework.kafka=INFO")) {
      assertThat(app.isRunning()).isTrue();
    }

    assertThat(output.getOut())
        .containsOnlyOnce("Topics not checked at start-up: Kafka at [127.0.0.1:" + nobody)
        .contains("Starting anyway")
        .doesNotContain("Could not configure topics")
        .doesNotContain("ERROR");
  }
}
