package dev.codegen.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

  @Test
  void keepsJdbcUrlsAsTheyAre() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/codegen", "u", " ");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/codegen");
    assertThat(url.username()).isEqualTo("u");
    assertThat(url.password()).isNull();
  }

  @Test
  void turnsUriFormIntoJdbcWithEmbeddedCredentials() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://app:s%40cret@db.local:6543/codegen?sslmode=require", null, null);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/codegen?sslmode=require");
    assertThat(url.username()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s@cret");
  }

  @Test
  void explicitCredentialsWinOverEmbeddedOnes() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app@db/codegen", "other", "pw");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/codegen");
    assertThat(url.username()).isEqualTo("other");
    assertThat(url.password()).isEqualTo("pw");
    assertThat(DatabaseUrl.parse("postgres://db/codegen", null, null).username()).isNull();
  }

  @Test
  void rejectsOtherSchemes() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/x", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseUrl.parse(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
