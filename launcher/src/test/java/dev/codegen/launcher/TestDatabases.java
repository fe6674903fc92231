package dev.codegen.launcher;

import dev.codegen.launcher.StandaloneSettings.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, or {@code
 * CODEGEN_TEST_DATABASE_URL}) when one answers within two seconds; otherwise nothing, and the test
 * falls back to the embedded PostgreSQL.
 */
final class TestDatabases {

  private static final String ADMIN_URL =
      Optional.ofNullable(System.getenv("CODEGEN_TEST_DATABASE_URL"))
          .orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER =
      Optional.ofNullable(System.getenv("CODEGEN_TEST_DATABASE_USERNAME")).orElse("postgres");
  private static final String PASSWORD =
      Optional.ofNullable(System.getenv("CODEGEN_TEST_DATABASE_PASSWORD")).orElse("");

  private TestDatabases() {}

  /** A new, empty database on the local server, or empty when there is no usable server. */
  static Optional<Database> freshLocal() {
    String name = "codegen_e2e_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      return Optional.empty();
    }
    String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    return Optional.of(new Database(url, USER, PASSWORD));
  }

  /** Drops a database {@link #freshLocal} created; best effort. */
  static void drop(Database database) {
    String name = database.url().substring(database.url().lastIndexOf('/') + 1);
    if (!name.toLowerCase(Locale.ROOT).startsWith("codegen_e2e_")) {
      return;
    }
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // A leftover test database is harmless; the next run makes its own.
    }
  }

  private static Connection admin() throws SQLException {
    DriverManager.setLoginTimeout(2);
    return DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
  }
}
