package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Language;
import dev.codegen.ops.ReadinessCheck;
import dev.codegen.plugin.PluginWorkerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What the worker says at start about its checkers, and what its readiness makes of them. */
@ExtendWith(OutputCaptureExtension.class)
class CheckersAtStartupTests {

  @Test
  void logsOneLinePerLanguageAndWithRequireIsReadyOnlyWhenNothingIsMissing(CapturedOutput output)
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
                "--codegen.plugins=extract,format,javac,syntax",
                "--codegen.plugin.checkers.require=true")) {
      CheckerInventory inventory = app.getBean(CheckerInventory.class);
      ReadinessCheck checkers =
          app.getBeansOfType(ReadinessCheck.class).values().stream()
              .filter(check -> check.name().equals("checkers"))
              .findFirst()
              .orElseThrow();

      assertThat(checkers.ready()).isEqualTo(inventory.missing().isEmpty());
      assertThat(checkers.details()).containsKey("found");
      assertThat(inventory.lines().get(Language.JAVA))
          .startsWith("format google-java-format (")
          .contains("; check javac (javac ")
          .contains("; lint javac -Xlint (");
      for (Language language : Language.values()) {
        assertThat(output.getOut()).contains("checkers " + language.wireName() + ": ");
      }
      if (!inventory.missing().isEmpty()) {
        assertThat(output.getOut()).contains("readiness is DOWN (CODEGEN_PLUGIN_REQUIRE_CHECKERS");
      }
    }
  }
}
