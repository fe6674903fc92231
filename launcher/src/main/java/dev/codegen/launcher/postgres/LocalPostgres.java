package dev.codegen.launcher.postgres;

import dev.codegen.launcher.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries packaged by zonky, as a child process of this JVM.
 * Its cluster directory is kept across runs when one is configured, so history survives a restart.
 */
public final class LocalPostgres implements AutoCloseable {

  /** The superuser zonky's initdb creates; it authenticates by trust on the loopback interface. */
  public static final String USER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

  private final PostgresSettings settings;
  private EmbeddedPostgres postgres;

  public LocalPostgres(PostgresSettings settings) {
    this.settings = settings;
  }

  /** Starts the server (running initdb on first use) and creates the database when missing. */
  public synchronized LocalPostgres start() {
    if (postgres != null) {
      throw new IllegalStateException("PostgreSQL already started");
    }
    int port = Ports.preferredOrFree(settings.port());
    if (settings.port() > 0 && port != settings.port()) {
      log.warn("Port {} is taken; the embedded PostgreSQL listens on {}", settings.port(), port);
    }
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false);
      if (settings.dataDirectory() != null) {
        Files.createDirectories(settings.dataDirectory());
        builder.setDataDirectory(settings.dataDirectory()).setCleanDataDirectory(false);
      }
      postgres = builder.start();
      createDatabaseIfMissing();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    } catch (SQLException e) {
      close();
      throw new IllegalStateException("cannot create database " + settings.database(), e);
    }
    return this;
  }

  /** The JDBC URL of the service database. */
  public String jdbcUrl() {
    if (postgres == null) {
      throw new IllegalStateException("PostgreSQL not started");
    }
    return postgres.getJdbcUrl(USER, settings.database());
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops the server; a configured data directory keeps its contents. */
  @Override
  public synchronized void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      postgres = null;
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, settings.database());
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // Identifiers cannot be bound as parameters; the name comes from our own settings.
        create.execute("CREATE DATABASE \"" + settings.database().replace("\"", "\"\"") + "\"");
      }
    }
  }
}
