package dev.codegen.gateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for tests: the local server (127.0.0.1:5432, overridable with {@code
 * CODEGEN_TEST_DATABASE_URL}, {@code _USERNAME}, {@code _PASSWORD}) when it answers within 2 s,
 * otherwise one zonky embedded PostgreSQL per JVM. Every call creates a fresh database.
 */
public final class TestDatabase {

  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static Server server;

  private TestDatabase() {}

  /** Points {@code spring.datasource.url} (credentials included) at a fresh database. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = createDatabase();
    registry.add("spring.datasource.url", () -> url);
  }

  /** Creates a fresh database and returns its JDBC URL, credentials in the query string. */
  public static synchronized String createDatabase() {
    Server s = server();
    String name = "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = s.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    String query =
        "?user=" + s.user() + (s.password().isEmpty() ? "" : "&password=" + s.password());
    return s.urlPrefix() + name + query;
  }

  private static Server server() {
    if (server != null) {
      return server;
    }
    String url = env("CODEGEN_TEST_DATABASE_URL", DEFAULT_URL);
    Server local =
        new Server(
            url.substring(0, url.lastIndexOf('/') + 1),
            url.substring(url.lastIndexOf('/') + 1),
            env("CODEGEN_TEST_DATABASE_USERNAME", "postgres"),
            env("CODEGEN_TEST_DATABASE_PASSWORD", ""));
    try (Connection c = local.connect()) {
      server = local;
    } catch (SQLException e) {
      server = embedded();
    }
    return server;
  }

  private static Server embedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
      return new Server(
          "jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      // shutting down anyway
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private record Server(String urlPrefix, String adminDatabase, String user, String password) {

    Connection connect() throws SQLException {
      DriverManager.setLoginTimeout(2);
      Properties props = new Properties();
      props.setProperty("user", user);
      if (!password.isEmpty()) {
        props.setProperty("password", password);
      }
      props.setProperty("loginTimeout", "2");
      props.setProperty("connectTimeout", "2");
      String db = adminDatabase.split("\\?")[0].toLowerCase(Locale.ROOT);
      return DriverManager.getConnection(urlPrefix + db, props);
    }
  }
}
