package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.launcher.StandaloneSettings.Database;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTests {

  @Test
  void defaultsToEmbeddedInfrastructureOnWellKnownPorts() {
    StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of());

    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.postgresPort()).isEqualTo(5433);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("data"));
    assertThat(settings.externalKafka()).isEmpty();
    assertThat(settings.externalDatabase()).isEmpty();
    assertThat(settings.serviceProperties()).isEmpty();
  }

  @Test
  void usesExternalKafkaAndDatabaseWhenTheirVariablesAreSet() {
    StandaloneSettings settings =
        StandaloneSettings.fromEnvironment(
            Map.of(
                "CODEGEN_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "CODEGEN_DATABASE_URL", "jdbc:postgresql://db:5432/codegen",
                "CODEGEN_DATABASE_USERNAME", "codegen",
                "CODEGEN_DATABASE_PASSWORD", "secret",
                "CODEGEN_HTTP_PORT", "9000",
                "CODEGEN_STANDALONE_KAFKA_PORT", "0",
                "CODEGEN_STANDALONE_POSTGRES_PORT", "15432",
                "CODEGEN_STANDALONE_DATA_DIR", "/var/lib/codegen"));

    assertThat(settings.externalKafka()).contains("kafka:9092");
    assertThat(settings.externalDatabase())
        .contains(new Database("jdbc:postgresql://db:5432/codegen", "codegen", "secret"));
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.kafkaPort()).isZero();
    assertThat(settings.postgresPort()).isEqualTo(15432);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/lib/codegen"));
  }

  @Test
  void treatsBlankVariablesAsUnsetAndLeavesCredentialsToTheUrl() {
    StandaloneSettings settings =
        StandaloneSettings.fromEnvironment(
            Map.of(
                "CODEGEN_KAFKA_BOOTSTRAP_SERVERS", " ",
                "CODEGEN_DATABASE_URL", "jdbc:postgresql://db/codegen",
                "CODEGEN_HTTP_PORT", ""));

    assertThat(settings.externalKafka()).isEmpty();
    assertThat(settings.externalDatabase())
        .contains(new Database("jdbc:postgresql://db/codegen", "", ""));
    assertThat(settings.httpPort()).isEqualTo(8080);
  }

  @Test
  void rejectsPortsThatAreNotPorts() {
    assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("CODEGEN_HTTP_PORT", "web")))
        .hasMessageContaining("CODEGEN_HTTP_PORT must be a number");
    assertThatThrownBy(
            () -> StandaloneSettings.fromEnvironment(Map.of("CODEGEN_HTTP_PORT", "70000")))
        .hasMessageContaining("between 0 and 65535");
  }

  @Test
  void carriesExtraServicePropertiesVerbatim() {
    StandaloneSettings settings =
        StandaloneSettings.fromEnvironment(Map.of())
            .withServiceProperties(Map.of("codegen.provider", "offline"));

    assertThat(settings.serviceProperties()).containsEntry("codegen.provider", "offline");
    assertThat(settings.httpPort()).isEqualTo(8080);
  }
}
