package dev.codegen.launcher.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTests {

  @TempDir Path dataDirectory;

  @Test
  void answersSqlInItsOwnDatabaseAndKeepsDataAcrossARestart() throws Exception {
    PostgresSettings settings = new PostgresSettings(0, dataDirectory, "codegen");
    try (LocalPostgres postgres = new LocalPostgres(settings).start()) {
      assertThat(postgres.jdbcUrl()).contains("/codegen");
      try (Connection connection = connect(postgres);
          Statement sql = connection.createStatement()) {
        sql.execute("CREATE TABLE note (text varchar(20))");
        sql.execute("INSERT INTO note VALUES ('kept')");
      }
    }
    try (LocalPostgres restarted = new LocalPostgres(settings).start();
        Connection connection = connect(restarted);
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT current_database(), text FROM note")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("codegen");
      assertThat(rows.getString(2)).isEqualTo("kept");
    }
  }

  @Test
  void runsInATemporaryDirectoryWhenNoneIsConfigured() throws Exception {
    try (LocalPostgres postgres =
            new LocalPostgres(new PostgresSettings(0, null, "scratch")).start();
        Connection connection = connect(postgres);
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT 40 + 2")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(42);
      assertThat(postgres.port()).isPositive();
      assertThatThrownBy(postgres::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void refusesAddressQuestionsBeforeStartAndToleratesDoubleClose() {
    LocalPostgres postgres = new LocalPostgres(new PostgresSettings(0, null, "codegen"));
    assertThatThrownBy(postgres::jdbcUrl).isInstanceOf(IllegalStateException.class);
    postgres.close();
    postgres.close();
  }

  private static Connection connect(LocalPostgres postgres) throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
  }
}
