package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.auth.AuthProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole stack on embedded infrastructure, as {@code bin/codegen standalone} runs it. */
class CodegenLauncherTests {

  @TempDir Path dataDirectory;

  @Test
  void startsEveryServiceOnEmbeddedInfrastructureGreetsAndStopsInOrder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodegenStack stack =
        CodegenLauncher.launch(
            Map.of(
                "CODEGEN_HTTP_PORT", "0",
                "CODEGEN_STANDALONE_KAFKA_PORT", "0",
                "CODEGEN_STANDALONE_POSTGRES_PORT", "0",
                "CODEGEN_STANDALONE_DATA_DIR", dataDirectory.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    ConfigurableApplicationContext gateway = stack.gateway();
    try {
      assertThat(stack.embeddedKafka()).isTrue();
      assertThat(stack.embeddedDatabase()).isTrue();
      assertThat(gateway.isActive()).isTrue();
      assertThat(gateway.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
          .isEqualTo(stack.bootstrapServers());
      assertThat(gateway.getEnvironment().getProperty("spring.datasource.url"))
          .isEqualTo(stack.database().url())
          .contains("/codegen");
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("CodeGen Service is ready")
          .contains("http://localhost:" + stack.httpPort() + "/generate")
          .contains("http://localhost:" + stack.httpPort() + "/dashboard/")
          .contains("http://localhost:" + stack.httpPort() + "/docs/")
          .contains(stack.bootstrapServers() + " (embedded)")
          .contains("X-API-Key: " + AuthProperties.DEVELOPMENT_KEY);
      // The one-command run listens on loopback only, where the development key is accepted.
      assertThat(gateway.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
      String configured =
          CodegenLauncher.banner(stack, Duration.ofSeconds(1), "my-own-secret-key-123");
      assertThat(configured)
          .contains("$CODEGEN_ADMIN_API_KEY")
          .doesNotContain("my-own-secret-key-123")
          .doesNotContain(AuthProperties.DEVELOPMENT_KEY);
      assertThat(dataDirectory.resolve("kafka/meta.properties")).exists();
      assertThat(dataDirectory.resolve("postgres/postgresql.conf")).exists();
    } finally {
      stack.close();
    }
    assertThat(gateway.isActive()).isFalse();
    stack.close();
  }
}
