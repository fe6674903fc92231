package dev.codegen.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the one-JVM stack runs on, read from {@code CODEGEN_*} environment variables.
 *
 * @param httpPort the gateway's HTTP port; 0 picks a free one
 * @param kafkaPort the embedded broker's preferred client port
 * @param postgresPort the embedded database's preferred port
 * @param dataDirectory where the embedded broker and database keep their data
 * @param externalKafka bootstrap servers to use instead of the embedded broker, if set
 * @param externalDatabase a database to use instead of the embedded one, if set
 * @param serviceProperties extra Spring properties handed to every service
 */
public record StandaloneSettings(
    int httpPort,
    int kafkaPort,
    int postgresPort,
    Path dataDirectory,
    Optional<String> externalKafka,
    Optional<Database> externalDatabase,
    Map<String, String> serviceProperties) {

  static final int DEFAULT_HTTP_PORT = 8080;
  static final int DEFAULT_KAFKA_PORT = 9092;
  // 5432 usually belongs to a system PostgreSQL: sit next to it rather than fall back every time.
  static final int DEFAULT_POSTGRES_PORT = 5433;
  static final String DEFAULT_DATA_DIRECTORY = "data";
  static final String DATABASE_NAME = "codegen";

  public StandaloneSettings {
    serviceProperties = serviceProperties == null ? Map.of() : Map.copyOf(serviceProperties);
  }

  /** Connection details of a PostgreSQL database. */
  public record Database(String url, String username, String password) {}

  /** Reads the settings from environment variables, with the documented defaults. */
  public static StandaloneSettings fromEnvironment(Map<String, String> env) {
    Optional<Database> database =
        nonBlank(env, "CODEGEN_DATABASE_URL")
            .map(
                url ->
                    new Database(
                        url,
                        env.getOrDefault("CODEGEN_DATABASE_USERNAME", ""),
                        env.getOrDefault("CODEGEN_DATABASE_PASSWORD", "")));
    return new StandaloneSettings(
        port(env, "CODEGEN_HTTP_PORT", DEFAULT_HTTP_PORT),
        port(env, "CODEGEN_STANDALONE_KAFKA_PORT", DEFAULT_KAFKA_PORT),
        port(env, "CODEGEN_STANDALONE_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
        Path.of(nonBlank(env, "CODEGEN_STANDALONE_DATA_DIR").orElse(DEFAULT_DATA_DIRECTORY)),
        nonBlank(env, "CODEGEN_KAFKA_BOOTSTRAP_SERVERS"),
        database,
        Map.of());
  }

  /** These settings with extra Spring properties for every service. */
  public StandaloneSettings withServiceProperties(Map<String, String> properties) {
    return new StandaloneSettings(
        httpPort,
        kafkaPort,
        postgresPort,
        dataDirectory,
        externalKafka,
        externalDatabase,
        properties);
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static int port(Map<String, String> env, String name, int defaultPort) {
    Optional<String> value = nonBlank(env, name);
    if (value.isEmpty()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " must be a port between 0 and 65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value.get() + "'");
    }
  }
}
