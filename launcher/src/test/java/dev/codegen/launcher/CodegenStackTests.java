package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenStackTests {

  @TempDir Path dataDirectory;

  @Test
  void stopsTheDatabaseItStartedWhenTheBrokerCannotStart() throws Exception {
    // A file where the broker's log directory should be: the broker fails, PostgreSQL started.
    Files.writeString(dataDirectory.resolve("kafka"), "in the way");
    int postgresPort = Ports.free();
    StandaloneSettings settings =
        new StandaloneSettings(
            0, 0, postgresPort, dataDirectory, Optional.empty(), Optional.empty(), Map.of());

    assertThatThrownBy(() -> CodegenStack.start(settings)).hasMessageContaining("cannot create");

    await().atMost(Duration.ofSeconds(30)).until(() -> Ports.isFree(postgresPort));
    assertThat(dataDirectory.resolve("postgres/postgresql.conf")).exists();
  }
}
