package dev.codegen.launcher;

import dev.codegen.launcher.StandaloneSettings.Database;
import dev.codegen.launcher.kafka.KafkaBrokerSettings;
import dev.codegen.launcher.kafka.LocalKafkaBroker;
import dev.codegen.launcher.postgres.LocalPostgres;
import dev.codegen.launcher.postgres.PostgresSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything {@code bin/codegen standalone} runs: a broker and a database (embedded unless external
 * ones are configured) and the three services on top of them. Closing it stops the services, then
 * the broker, then the database, so that no service loses its broker or database mid-shutdown.
 */
public final class CodegenStack implements AutoCloseable {

  /** Where the workers serve /metrics and /health when free, as in their own yml. */
  static final int WORKER_OPS_PORT = 9464;

  static final int PLUGINS_OPS_PORT = 9465;

  private final LocalKafkaBroker broker;
  private final LocalPostgres postgres;
  private final String bootstrapServers;
  private final Database database;
  private ServiceStack services;

  private CodegenStack(
      LocalKafkaBroker broker, LocalPostgres postgres, String bootstrapServers, Database database) {
    this.broker = broker;
    this.postgres = postgres;
    this.bootstrapServers = bootstrapServers;
    this.database = database;
  }

  /**
   * Starts the database and the broker side by side (PostgreSQL is a separate process, so the two
   * overlap well even on two cores), then the services; on failure, stops whatever did start.
   */
  public static CodegenStack start(StandaloneSettings settings) {
    CompletableFuture<LocalPostgres> postgresStart =
        settings.externalDatabase().isPresent()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.supplyAsync(() -> embeddedPostgres(settings));
    LocalKafkaBroker broker = null;
    LocalPostgres postgres = null;
    try {
      broker = settings.externalKafka().isPresent() ? null : embeddedBroker(settings);
      postgres = join(postgresStart);
    } catch (RuntimeException e) {
      closeQuietly(broker);
      // Wait for the database rather than close it later: the caller may exit the JVM at once,
      // which would leave a PostgreSQL process behind.
      try {
        closeQuietly(postgresStart.join());
      } catch (CompletionException alsoFailed) {
        e.addSuppressed(alsoFailed.getCause());
      }
      throw e;
    }
    LocalPostgres embeddedDatabase = postgres;
    Database database =
        settings
            .externalDatabase()
            .orElseGet(() -> new Database(embeddedDatabase.jdbcUrl(), LocalPostgres.USER, ""));
    String bootstrap = broker == null ? settings.externalKafka().get() : broker.bootstrapServers();
    CodegenStack stack = new CodegenStack(broker, postgres, bootstrap, database);
    try {
      stack.services =
          ServiceStack.start(
              commonProperties(settings, bootstrap),
              gatewayProperties(settings, database),
              Ports.preferredOrFree(WORKER_OPS_PORT),
              Ports.preferredOrFree(PLUGINS_OPS_PORT));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** The broker the services use, e.g. {@code 127.0.0.1:9092}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The database the gateway uses. */
  public Database database() {
    return database;
  }

  /** Whether the broker runs in this JVM. */
  public boolean embeddedKafka() {
    return broker != null;
  }

  /** Whether the database runs as a child of this JVM. */
  public boolean embeddedDatabase() {
    return postgres != null;
  }

  /** The port the gateway listens on. */
  public int httpPort() {
    return services.httpPort();
  }

  /** The port the generation worker serves /metrics and /health on (loopback only). */
  public int workerOpsPort() {
    return services.workerOpsPort();
  }

  /** The port the plugin worker serves /metrics and /health on (loopback only). */
  public int pluginsOpsPort() {
    return services.pluginsOpsPort();
  }

  /** The gateway's Spring context. */
  public ConfigurableApplicationContext gateway() {
    return services.gateway();
  }

  @Override
  public synchronized void close() {
    if (services != null) {
      services.close();
      services = null;
    }
    if (broker != null) {
      broker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      // Already failing: the original exception is the one worth reporting.
    }
  }

  private static LocalPostgres embeddedPostgres(StandaloneSettings settings) {
    return new LocalPostgres(
            new PostgresSettings(
                settings.postgresPort(),
                settings.dataDirectory().resolve("postgres"),
                StandaloneSettings.DATABASE_NAME))
        .start();
  }

  private static LocalKafkaBroker embeddedBroker(StandaloneSettings settings) {
    return new LocalKafkaBroker(
            new KafkaBrokerSettings(
                settings.kafkaPort(), settings.dataDirectory().resolve("kafka")))
        .start();
  }

  private static Map<String, String> commonProperties(
      StandaloneSettings settings, String bootstrap) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.kafka.bootstrap-servers", bootstrap);
    properties.put("spring.main.banner-mode", "off");
    // Logging is set up once per JVM, by the first service: its name would label every line.
    properties.put("logging.include-application-name", "false");
    properties.put("logging.level.org.apache.kafka", "WARN");
    properties.put("logging.level.kafka", "WARN");
    properties.put("logging.level.state.change.logger", "ERROR");
    properties.putAll(settings.serviceProperties());
    return properties;
  }

  private static Map<String, String> gatewayProperties(
      StandaloneSettings settings, Database database) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", String.valueOf(settings.httpPort()));
    properties.put("spring.datasource.url", database.url());
    properties.put("spring.datasource.username", database.username());
    properties.put(
        "spring.datasource.password", Optional.ofNullable(database.password()).orElse(""));
    return properties;
  }
}
